import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { RolesGuard } from '../auth/roles.guard';
import { TokenAuthenticator } from '../auth/token-authenticator';
import { Role } from '../config';

/** The roles that read the prize ledger today (GET /editions/:id/prizes) read it as it stood. */
const PRIZE_LEDGER_READERS: Role[] = ['finance', 'organiser'];

/**
 * The history routes are public reads except for model=prizes, which is finance's: the role depends on
 * a query parameter, not on the route, so the shared RolesGuard is asked with the ledger's roles only then.
 */
@Injectable()
export class PrizesModelGuard implements CanActivate {
  private readonly ledgerReaders: RolesGuard;

  constructor(authenticator: TokenAuthenticator) {
    const reflector = { getAllAndOverride: () => PRIZE_LEDGER_READERS } as unknown as Reflector;
    this.ledgerReaders = new RolesGuard(reflector, authenticator);
  }

  canActivate(context: ExecutionContext): boolean {
    return context.switchToHttp().getRequest<Request>().query.model !== 'prizes' || this.ledgerReaders.canActivate(context);
  }
}
