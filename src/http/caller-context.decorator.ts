import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Response } from 'express';
import { AuthenticatedRequest } from '../auth/roles.guard';
import { CommandContext } from '../decider/command-context';
import { correlationIdOf } from '../operations/correlation-id';

/**
 * The command context of an authenticated request: the actor comes from the bearer token (RolesGuard),
 * never from the body; a caller may pass X-Correlation-Id to tie its commands together. The correlation
 * id is the request's own (the one its log line and its X-Correlation-Id answer header carry).
 */
export const CallerContext = createParamDecorator((_: unknown, execution: ExecutionContext): CommandContext => {
  const request = execution.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('CallerContext used on a route without @Roles');
  return {
    actor: request.actor,
    correlationId: correlationIdOf(request, execution.switchToHttp().getResponse<Response>()),
    now: new Date().toISOString(),
  };
});
