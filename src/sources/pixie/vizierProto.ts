// Loads Flamelens' Vizier API .proto once and gives the gRPC service definition for clients and servers.

import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { pixieResourcePath } from './resources';

export const VIZIER_SERVICE_NAME = 'px.api.vizierpb.VizierService';

/**
 * keepCase: names exactly as on the wire. enums as names. int64 left as Long (no `longs`
 * option) so that TIME64NS values keep all their digits. defaults: empty repeated fields
 * arrive as []. oneofs: the name of the set member is given (e.g. `col_data`).
 */
const LOADER_OPTIONS: protoLoader.Options = { keepCase: true, enums: String, defaults: true, oneofs: true };

let loaded: grpc.ServiceDefinition | undefined;

export function vizierServiceDefinition(): grpc.ServiceDefinition {
  if (!loaded) {
    const path = pixieResourcePath('proto', 'vizierapi.proto');
    const pkg = protoLoader.loadSync(path, LOADER_OPTIONS);
    const service = pkg[VIZIER_SERVICE_NAME] as grpc.ServiceDefinition | undefined;
    if (!service) throw new Error(`${path} does not declare ${VIZIER_SERVICE_NAME}; the installation is damaged.`);
    loaded = service;
  }
  return loaded;
}

/** A generic client class for the Vizier service (methods are called through makeServerStreamRequest). */
export function vizierClientConstructor(): grpc.ServiceClientConstructor {
  return grpc.makeClientConstructor(vizierServiceDefinition(), VIZIER_SERVICE_NAME);
}
