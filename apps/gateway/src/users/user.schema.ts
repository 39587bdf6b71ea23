import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ROLES, Role } from '@jobfair/contracts';

/** A person who signs in: centre staff, an administrator, or an employer's user bound to one employer. */
@Schema({ collection: 'users', versionKey: false, timestamps: true })
export class User {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, unique: true }) username!: string;
  @Prop({ required: true }) passwordHash!: string;
  @Prop({ type: String, required: true, enum: ROLES }) role!: Role;
  @Prop() employerId?: string;
  /** A disabled user cannot sign in; the account stays, so who did what remains readable. */
  @Prop() disabled?: boolean;
  /**
   * Named in every token issued to the user (`ver`); a change of role, employer or a disabling
   * moves it on, and the gateway refuses tokens that name an older one.
   */
  @Prop({ default: 0 }) tokenVersion!: number;
}

export const UserSchema = SchemaFactory.createForClass(User);

export interface UserView {
  id: string;
  username: string;
  role: Role;
  employerId?: string;
  /** Present (true) only for a disabled user. */
  disabled?: true;
}

export function userView(u: User): UserView {
  return { id: u._id, username: u.username, role: u.role, employerId: u.employerId, ...(u.disabled ? { disabled: true as const } : {}) };
}
