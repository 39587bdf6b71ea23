import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Actor, CurrentActor, Public, Roles } from '@jobfair/platform';
import { CreateUserDto, ListUsersQuery, TokenRequestDto, UpdateUserDto } from './user.dto';
import { SignInThrottleGuard } from './sign-in-throttle';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post('auth/token')
  @Public()
  @UseGuards(SignInThrottleGuard)
  @HttpCode(200)
  // Declaring one response drops Nest's default one, so both are named.
  @ApiOkResponse({ description: 'an access token' })
  @ApiUnauthorizedResponse({ description: 'unknown username or wrong password' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts from this client or for this username; see Retry-After' })
  token(@Body() dto: TokenRequestDto) {
    return this.users.issueToken(dto);
  }

  /** Who the token says the caller is (the web UI shows it). */
  @Get('auth/me')
  @ApiBearerAuth()
  @Roles('admin', 'staff', 'employer')
  me(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Post('users')
  @ApiBearerAuth()
  @Roles('admin')
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Get('users')
  @ApiBearerAuth()
  @Roles('admin')
  list(@Query() query: ListUsersQuery) {
    return this.users.list(query);
  }

  /**
   * A new role or employer, or a disabling, withdraws the tokens already issued to the user: the
   * gateway refuses them (401) from then on, and the user signs in again.
   */
  @Patch('users/:id')
  @ApiBearerAuth()
  @Roles('admin')
  update(@Param('id') id: string, @Body() dto: UpdateUserDto, @CurrentActor() actor: Actor) {
    return this.users.update(id, dto, actor);
  }
}
