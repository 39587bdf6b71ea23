import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SignInThrottleModule } from './sign-in-throttle';
import { User, UserSchema } from './user.schema';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: User.name, schema: UserSchema }]), SignInThrottleModule],
  controllers: [UsersController],
  providers: [UsersService],
})
export class UsersModule {}
