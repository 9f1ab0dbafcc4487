import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiPublic } from '../common/api-docs';
import { allRoles, Role } from './role';

export const publicKey = 'custody:public';
export const rolesKey = 'custody:roles';

/** Reachable without a token: sign-in, health, the API docs; the API document says so. */
export const Public = () => applyDecorators(SetMetadata(publicKey, true), ApiPublic());

/** The roles that may call a route; a route without it is closed to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(rolesKey, roles);

/** Any signed-in user; what they see is narrowed to their sites by the service. */
export const SignedIn = () => Roles(...allRoles);

export const sessionFoldedKey = 'custody:session-folded';

/**
 * A hot route whose service checks the session in its own first statement (`sessionCondition`),
 * saving a round trip; the answer is held back until the check is made if the service did not
 * (`checkBeforeAnswering`, a hook of every answer).
 */
export const SessionCheckedByService = () => SetMetadata(sessionFoldedKey, true);

export const beforeSecondFactorKey = 'custody:before-second-factor';

/** Open to a signed-in user whose role asks a second factor they have not given yet: enrolling one, seeing who they are, signing out. */
export const BeforeSecondFactor = () => SetMetadata(beforeSecondFactorKey, true);

/** A route about the signed-in user's own account and session (who they are, their token, their second factor): open to anyone signed in, before the second factor too. */
export const OwnAccount = () => applyDecorators(SignedIn(), BeforeSecondFactor());
