import { searchFiles, searchFolders } from './listSearch';

export const listSearch = { searchFiles, searchFolders };
