import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { Actor } from '../auth/actor';
import { isSiteRole, Role } from '../auth/role';
import { CustodyError, CustodyErrorCode, FieldProblem } from '../common/errors/custody-error';
import { Page, PageQuery, pageOf } from '../common/pagination';
import { validationFailed } from '../common/validation';
import { preparedQuery } from '../database/prepared-query';
import { SitesService } from '../sites/sites.service';
import { CreateUserDto, RoleAssignmentDto, UpdateUserDto } from './dto/user.dto';
import { UserRole } from './user-role.entity';
import { User } from './user.entity';
import { Language } from './language';
import { markRequestApplied } from '../idempotency/idempotency-context';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  language: Language;
  disabled: boolean;
  lockedUntil: Date | null;
  /** An authenticator app is enrolled (PATCH resetSecondFactor forgets it). */
  secondFactorEnrolled: boolean;
  roles: { role: Role; site: string | null }[];
  createdAt: Date;
  updatedAt: Date;
}

export interface SignInAccount {
  id: string;
  passwordHash: string;
  disabled: boolean;
  lockedUntil: Date | null;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly sites: SitesService,
  ) {}

  findForSignIn(username: string): Promise<SignInAccount | null> {
    return this.users.findOne({ where: { username }, select: { id: true, passwordHash: true, disabled: true, lockedUntil: true } });
  }

  /** Counts a wrong password in one statement, so concurrent attempts cannot undercount; answers the lock if it now applies. */
  async recordFailedSignIn(userId: string, maxFailures: number, lockMinutes: number): Promise<Date | null> {
    const [row] = (await this.dataSource.query(
      `UPDATE users
          SET failed_login_count = CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1 ELSE failed_login_count + 1 END,
              locked_until = CASE
                WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1 ELSE failed_login_count + 1 END) >= $2
                THEN now() + make_interval(mins => $3)
                ELSE NULL END
        WHERE id = $1
        RETURNING locked_until`,
      [userId, maxFailures, lockMinutes],
    )) as [{ locked_until: Date | null }[], number];
    return row[0]?.locked_until ?? null;
  }

  async recordSuccessfulSignIn(userId: string): Promise<void> {
    await this.users.update({ id: userId }, { failedLoginCount: 0, lockedUntil: null });
  }

  /** The user as an actor with their roles now, and their token version: null when the user is gone or disabled. */
  async findActiveActor(userId: string): Promise<(Actor & { tokenVersion: number }) | null> {
    const rows = await preparedQuery<{
      username: string;
      displayName: string;
      language: Language;
      tokenVersion: number;
      role: Role | null;
      siteId: string | null;
      siteCode: string | null;
    }>(
      this.dataSource,
      'active-actor',
      `SELECT account.username, account.display_name AS "displayName", account.language, account.token_version AS "tokenVersion",
              held.role, held.site_id AS "siteId", site.code AS "siteCode"
         FROM users account
         LEFT JOIN user_roles held ON held.user_id = account.id
         LEFT JOIN sites site ON site.id = held.site_id
        WHERE account.id = $1 AND NOT account.disabled
        ORDER BY held.role, site.code`,
      [userId],
    );
    if (rows.length === 0) return null;
    return {
      userId,
      username: rows[0].username,
      displayName: rows[0].displayName,
      language: rows[0].language,
      tokenVersion: rows[0].tokenVersion,
      roles: rows.filter((row) => row.role !== null).map(({ role, siteId, siteCode }) => ({ role: role!, siteId, siteCode })),
    };
  }

  /** Whether a token of this version is still live: its user enabled, and nothing changed their roles, password or state since. */
  async sessionIsLive(userId: string, tokenVersion: number): Promise<boolean> {
    const [row] = await preparedQuery<{ live: boolean }>(
      this.dataSource,
      'session-is-live',
      `SELECT NOT disabled AND token_version = $2 AS live FROM users WHERE id = $1`,
      [userId, tokenVersion],
    );
    return row?.live === true;
  }

  /** Ends every token of the user: their token version goes up. */
  async endSessions(userId: string): Promise<void> {
    await this.users.increment({ id: userId }, 'tokenVersion', 1);
  }

  /** A user's own choice of language: theirs to make, no administrator needed. */
  async setOwnLanguage(actor: Actor, language: Language): Promise<Actor> {
    await this.users.update({ id: actor.userId }, { language });
    return { ...actor, language };
  }

  async list(query: PageQuery): Promise<Page<UserView>> {
    const [ids, total] = await this.users.findAndCount({ select: { id: true }, order: { username: 'ASC' }, skip: query.offset, take: query.pageSize });
    const users = ids.length
      ? await this.users.find({ where: ids.map(({ id }) => ({ id })), relations: { roles: { site: true } }, order: { username: 'ASC' } })
      : [];
    return pageOf(users.map(toView), total, query);
  }

  async get(id: string): Promise<UserView> {
    return toView(await this.load(this.dataSource.manager, id));
  }

  async create(dto: CreateUserDto): Promise<UserView> {
    const passwordHash = await argon2.hash(dto.password);
    const id = await this.dataSource.transaction(async (manager) => {
      const roles = await this.resolveRoles(manager, dto.roles);
      const existing = await manager.findOne(User, { where: { username: dto.username }, select: { id: true } });
      if (existing) throw new CustodyError(CustodyErrorCode.Conflict, `the username "${dto.username}" is taken`, [{ field: 'username', problem: 'is taken' }]);
      const user = await manager.save(
        User,
        manager.create(User, { username: dto.username, displayName: dto.displayName, language: dto.language ?? Language.English, passwordHash }),
      );
      await manager.insert(
        UserRole,
        roles.map((role) => ({ ...role, userId: user.id })),
      );
      await markRequestApplied(manager);
      return user.id;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserView> {
    const passwordHash = dto.password === undefined ? undefined : await argon2.hash(dto.password);
    await this.dataSource.transaction(async (manager) => {
      const user = await this.load(manager, id, true);
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      // disabling ends every token at once, and re-enabling revives none; so does a new password
      if ((dto.disabled !== undefined && dto.disabled !== user.disabled) || passwordHash !== undefined || dto.resetSecondFactor === true)
        user.tokenVersion += 1;
      if (dto.resetSecondFactor === true) Object.assign(user, { totpSecret: null, totpEnabledAt: null, totpLastStep: null, recoveryCodes: [] });
      if (dto.disabled !== undefined) user.disabled = dto.disabled;
      if (dto.language !== undefined) user.language = dto.language;
      if (passwordHash !== undefined) Object.assign(user, { passwordHash, failedLoginCount: 0, lockedUntil: null });
      await manager.save(User, user);
    });
    return this.get(id);
  }

  async setRoles(id: string, assignments: RoleAssignmentDto[]): Promise<UserView> {
    await this.dataSource.transaction(async (manager) => {
      await this.load(manager, id, true);
      const roles = await this.resolveRoles(manager, assignments);
      // tokens carry the roles they were issued with: a change of roles ends them
      await manager.increment(User, { id }, 'tokenVersion', 1);
      await manager.delete(UserRole, { userId: id });
      if (roles.length)
        await manager.insert(
          UserRole,
          roles.map((role) => ({ ...role, userId: id })),
        );
    });
    return this.get(id);
  }

  private async load(manager: EntityManager, id: string, lock = false): Promise<User> {
    const user = await manager.findOne(User, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!user) throw CustodyError.notFound(`user ${id}`);
    user.roles = await manager.find(UserRole, { where: { userId: id }, relations: { site: true } });
    return user;
  }

  private async resolveRoles(manager: EntityManager, assignments: RoleAssignmentDto[]): Promise<{ role: Role; siteId: string | null }[]> {
    const problems: FieldProblem[] = [];
    const resolved: { role: Role; siteId: string | null }[] = [];
    const seen = new Set<string>();
    for (const [index, assignment] of assignments.entries()) {
      const field = `roles[${index}].site`;
      if (isSiteRole(assignment.role) && !assignment.site) {
        problems.push({ field, problem: `is required for the role ${assignment.role}` });
        continue;
      }
      if (!isSiteRole(assignment.role) && assignment.site) {
        problems.push({ field, problem: `must be absent for the role ${assignment.role}, which holds everywhere` });
        continue;
      }
      const siteId = assignment.site ? await this.sites.findIdByCode(assignment.site, manager) : null;
      if (assignment.site && !siteId) {
        problems.push({ field, problem: `names no site: "${assignment.site}"` });
        continue;
      }
      const key = `${assignment.role}@${siteId}`;
      if (seen.has(key)) {
        problems.push({ field: `roles[${index}]`, problem: 'repeats an earlier role' });
        continue;
      }
      seen.add(key);
      resolved.push({ role: assignment.role, siteId });
    }
    if (problems.length) throw validationFailed(problems);
    return resolved;
  }
}

function sortRoles(roles: UserRole[]): UserRole[] {
  return [...roles].sort((a, b) => a.role.localeCompare(b.role) || (a.site?.code ?? '').localeCompare(b.site?.code ?? ''));
}

function toView(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    language: user.language,
    disabled: user.disabled,
    lockedUntil: user.lockedUntil,
    secondFactorEnrolled: user.totpEnabledAt !== null && user.totpEnabledAt !== undefined,
    roles: sortRoles(user.roles ?? []).map((held) => ({ role: held.role, site: held.site?.code ?? null })),
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
