type Send = (...args: unknown[]) => Promise<unknown>;

/**
 * Wraps `send` on the AWS SDK's shared base client, which every client class in the process
 * inherits (DynamoDB, its document client, Step Functions): the bench's counters see every call.
 * Wrappers stack, so the counters can be installed in any order.
 */
export function wrapSdkSend(
  clientClass: { prototype: object },
  wrap: (client: unknown, args: unknown[], send: Send) => Promise<unknown>,
): void {
  const proto = Object.getPrototypeOf(clientClass.prototype) as { send: Send };
  const original = proto.send;
  proto.send = function (this: unknown, ...args: unknown[]) {
    return wrap(this, args, (...sent) => original.apply(this, sent));
  };
}
