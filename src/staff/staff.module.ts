import { Global, Module } from '@nestjs/common';
import { AccountPageController } from './account-page.controller';
import { AccountTokensPageController } from './account-tokens-page.controller';
import { AdminUsersController } from './admin-users.controller';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensService } from './api-tokens.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CsrfTokens } from './csrf';
import { LoginPageController } from './login-page.controller';
import { PasswordsService } from './passwords.service';
import { SetPasswordPageController } from './set-password-page.controller';
import { StaffAuthGuard } from './staff-auth.guard';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

// Global: every feature module can put @StaffOnly() on its routes (the guard and what it
// needs are exported) and look up staff through UsersService.
@Global()
@Module({
  controllers: [
    AuthController,
    LoginPageController,
    UsersController,
    AdminUsersController,
    ApiTokensController,
    AccountTokensPageController,
    AccountPageController,
    SetPasswordPageController,
  ],
  providers: [AuthService, CsrfTokens, StaffAuthGuard, UsersService, ApiTokensService, PasswordsService],
  exports: [AuthService, CsrfTokens, StaffAuthGuard, UsersService, ApiTokensService],
})
export class StaffModule {}
