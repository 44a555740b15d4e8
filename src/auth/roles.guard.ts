import { CanActivate, ExecutionContext, Injectable, SetMetadata, UnauthorizedException, ForbiddenException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { Role } from '../config';
import { Actor } from './actor';
import { TokenAuthenticator } from './token-authenticator';

const ROLES_KEY = 'race:roles';

/** Marks a route as needing one of these roles; routes without it are public reads. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
}

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: TokenAuthenticator,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const token = /^Bearer (.+)$/i.exec(header)?.[1];
    if (!token) throw new UnauthorizedException('an Authorization: Bearer <token> header is required');
    const actor = this.authenticator.authenticate(token.trim());
    if (!actor) throw new UnauthorizedException('the bearer token is not valid');
    if (!roles.includes(actor.role)) {
      throw new ForbiddenException(`role ${actor.role} may not do this; it needs ${roles.join(' or ')}`);
    }
    request.actor = actor;
    return true;
  }
}
