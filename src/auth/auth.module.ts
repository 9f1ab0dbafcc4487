import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AttemptLimiter } from './attempt-limiter';
import { SecondFactor } from './second-factor';
import { SingleSignOn, SingleSignOnController } from './single-sign-on';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginGuard } from './login.guard';
import { SignIn } from './sign-in.entity';

@Module({
  imports: [
    UsersModule,
    TypeOrmModule.forFeature([SignIn]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { expiresIn: config.jwtTtlSeconds, algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController, SingleSignOnController],
  providers: [AuthService, AttemptLimiter, SecondFactor, SingleSignOn, LoginGuard, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AuthService, AttemptLimiter, SecondFactor],
})
export class AuthModule {}
