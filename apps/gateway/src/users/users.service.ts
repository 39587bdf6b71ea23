import { ConflictException, Injectable, Logger, NotFoundException, OnApplicationBootstrap, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectModel } from '@nestjs/mongoose';
import { compare, hash } from 'bcryptjs';
import { FilterQuery, Model } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { GatewayConfig } from '../gateway-config';
import { CreateUserDto, ListUsersQuery, TokenRequestDto, UpdateUserDto } from './user.dto';
import { User, UserView, userView } from './user.schema';
import { isDuplicateKeyError } from '@jobfair/messaging';
import { Actor, Page, badRequest, findPage } from '@jobfair/platform';

/** bcrypt work factor: about 70 ms a hash on these machines; slows guessing, not people. */
const BCRYPT_ROUNDS = 10;

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);
  /** Compared against when the user does not exist, so a wrong name costs as long as a wrong password. */
  private readonly decoyHash: Promise<string>;
  /** Each user's token version as last read (null: unknown or disabled), until when it is trusted. */
  private readonly tokenVersions = new Map<string, { version: number | null; until: number }>();

  constructor(
    @InjectModel(User.name) private readonly users: Model<User>,
    private readonly jwt: JwtService,
    private readonly config: GatewayConfig,
  ) {
    this.decoyHash = hash('decoy-password', BCRYPT_ROUNDS);
  }

  /** The first administrator comes from ADMIN_USERNAME / ADMIN_PASSWORD; an existing one is left as it is. */
  async onApplicationBootstrap(): Promise<void> {
    if (await this.users.exists({ username: this.config.adminUsername })) return;
    await this.create({ username: this.config.adminUsername, password: this.config.adminPassword, role: 'admin' }).catch((error) => {
      if (!isDuplicateKeyError(error)) throw error; // another gateway instance created it first
    });
    this.logger.log(`created the administrator ${this.config.adminUsername}`);
  }

  async create(dto: CreateUserDto): Promise<UserView> {
    if (dto.role !== 'employer' && dto.employerId !== undefined) {
      throw badRequest(['employerId: only an employer user is bound to an employer']);
    }
    const user = await this.users.create({
      _id: uuidv7(),
      username: dto.username,
      passwordHash: await hash(dto.password, BCRYPT_ROUNDS),
      role: dto.role,
      employerId: dto.employerId,
    });
    return userView(user);
  }

  list(query: ListUsersQuery): Promise<Page<UserView>> {
    const filter: FilterQuery<User> = query.role ? { role: query.role } : {};
    return findPage(this.users, filter, query, userView);
  }

  /** An administrator may not change their own role or disable themselves: the centre could be left without one. */
  async update(id: string, dto: UpdateUserDto, actor: Actor): Promise<UserView> {
    if (dto.role === undefined && dto.disabled === undefined) throw badRequest(['role: give a role or disabled, or both']);
    if (dto.role === 'employer' && dto.employerId === undefined) throw badRequest(['employerId: is required for an employer user']);
    if (dto.role !== 'employer' && dto.employerId !== undefined) {
      throw badRequest(['employerId: only an employer user is bound to an employer']);
    }
    const user = await this.users.findById(id).lean();
    if (!user) throw new NotFoundException(`user ${id} not found`);
    if (id === actor.userId && ((dto.role !== undefined && dto.role !== user.role) || dto.disabled)) {
      throw new ConflictException('an administrator cannot change their own role or disable themselves');
    }
    const role = dto.role ?? user.role;
    const set: Partial<User> = { role };
    if (dto.employerId !== undefined) set.employerId = dto.employerId;
    if (dto.disabled !== undefined) set.disabled = dto.disabled;
    // What a token says of its user (role, employer) or whether it may be used at all: tokens issued before are withdrawn.
    const employerId = role === 'employer' ? (dto.employerId ?? user.employerId) : undefined;
    const withdraws = role !== user.role || employerId !== user.employerId || (dto.disabled === true && !user.disabled);
    const updated = await this.users
      .findByIdAndUpdate(
        id,
        { $set: set, ...(role === 'employer' ? {} : { $unset: { employerId: 1 } }), ...(withdraws ? { $inc: { tokenVersion: 1 } } : {}) },
        { new: true },
      )
      .lean();
    if (!updated) throw new NotFoundException(`user ${id} not found`);
    this.tokenVersions.delete(id);
    return userView(updated);
  }

  /**
   * Whether a token naming this user and token version may still be used: the user exists, is
   * not disabled and has not been changed since. Read from the database at most every
   * TOKEN_CHECK_CACHE_MS per user.
   */
  async tokenStands(userId: string, version: number): Promise<boolean> {
    const now = Date.now();
    let known = this.tokenVersions.get(userId);
    if (!known || known.until <= now) {
      const user = await this.users.findById(userId, { tokenVersion: 1, disabled: 1 }).lean();
      known = { version: user && !user.disabled ? (user.tokenVersion ?? 0) : null, until: now + this.config.tokenCheckCacheMs };
      this.tokenVersions.set(userId, known);
    }
    return known.version === version;
  }

  async issueToken(dto: TokenRequestDto): Promise<{ accessToken: string; expiresIn: number; tokenType: 'Bearer' }> {
    const user = await this.users.findOne({ username: dto.username }).lean();
    const valid = await compare(dto.password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid) throw new UnauthorizedException('wrong username or password');
    if (user.disabled) throw new UnauthorizedException('this user is disabled');
    const accessToken = await this.jwt.signAsync(
      {
        sub: user._id,
        username: user.username,
        role: user.role,
        ver: user.tokenVersion ?? 0,
        ...(user.employerId ? { employerId: user.employerId } : {}),
      },
      { expiresIn: this.config.tokenTtlSeconds },
    );
    return { accessToken, expiresIn: this.config.tokenTtlSeconds, tokenType: 'Bearer' };
  }
}
