import { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';

/** The version the test server claims: the one the real-server suite runs (eventstore/eventstore:24.10). */
const SERVER_VERSION = '24.10.0';

/**
 * ServerFeatures.GetSupportedMethods, listing what this server implements with EventStoreDB's spelling
 * (lower-case service and method names) and features; the client picks BatchAppend over Append from it.
 */
export const supportedMethodsHandler = (
  _call: ServerUnaryCall<Empty, SupportedMethods>,
  respond: sendUnaryData<SupportedMethods>,
) => {
  const methods = [
    method(StreamsService.read.path, ['position', 'events']),
    method(StreamsService.append.path, []),
    method(StreamsService.batchAppend.path, ['deadline_duration']),
    method(ServerFeaturesService.getSupportedMethods.path, []),
  ];
  respond(null, new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(SERVER_VERSION));
};

const method = (path: string, features: string[]): SupportedMethod => {
  const [, serviceName = '', methodName = ''] = path.toLowerCase().split('/');
  return new SupportedMethod().setServiceName(serviceName).setMethodName(methodName).setFeaturesList(features);
};
