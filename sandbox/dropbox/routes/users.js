'use strict';
// users/get_current_account and auth/token/revoke.

function getCurrentAccount(ctx) {
	const { db } = ctx;
	const account = db.accounts.account();
	return {
		account_id: account.accountId,
		name: {
			given_name: account.givenName,
			surname: account.surname,
			familiar_name: account.givenName,
			display_name: account.displayName,
			abbreviated_name: `${account.givenName[0]}${account.surname[0]}`,
		},
		email: account.email,
		email_verified: true,
		disabled: false,
		country: account.country,
		locale: 'en',
		referral_link: `${db.links.baseUrl()}/referrals/${account.accountId.slice(5, 15)}`,
		team: {
			id: account.teamId,
			name: account.teamName,
			sharing_policies: {
				shared_folder_member_policy: { '.tag': 'anyone' },
				shared_folder_join_policy: { '.tag': 'from_anyone' },
				shared_link_create_policy: { '.tag': 'default_public' },
				group_creation_policy: { '.tag': 'admins_only' },
				shared_folder_link_restriction_policy: { '.tag': 'anyone' },
				enforce_link_password_policy: { '.tag': 'optional' },
				default_link_expiration_days_policy: { '.tag': 'none' },
				shared_link_default_permissions_policy: { '.tag': 'default' },
			},
			office_addin_policy: { '.tag': 'disabled' },
			top_level_content_policy: { '.tag': 'admin_only' },
		},
		team_member_id: account.teamMemberId,
		is_paired: false,
		account_type: { '.tag': 'business' },
		root_info: db.accounts.rootInfo(),
	};
}

/** Revokes the token used, its refresh token and every token issued from that refresh token. */
function revokeToken(ctx) {
	ctx.emulator.revokeFamily(ctx.token);
	return null;
}

const routes = {
	'users/get_current_account': { style: 'rpc', scope: 'account_info.read', voidArg: true, handler: getCurrentAccount },
	'auth/token/revoke': { style: 'rpc', scope: null, voidArg: true, handler: revokeToken },
};

module.exports = { routes };
