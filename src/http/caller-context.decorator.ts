import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuthenticatedRequest } from '../auth/roles.guard';
import { CommandContext } from '../decider/command-context';

/**
 * The command context of an authenticated request: the actor comes from the bearer token (RolesGuard),
 * never from the body; a caller may pass X-Correlation-Id to tie its commands together.
 */
export const CallerContext = createParamDecorator((_: unknown, execution: ExecutionContext): CommandContext => {
  const request = execution.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('CallerContext used on a route without @Roles');
  const correlation = request.headers['x-correlation-id'];
  return {
    actor: request.actor,
    correlationId: typeof correlation === 'string' && correlation.length <= 200 ? correlation : randomUUID(),
    now: new Date().toISOString(),
  };
});
