import { FastifyReply } from 'fastify';

import { BinaryContent } from './variable-data';

/** Puts a variable's raw content on the reply: its content type, a File's attachment header, the bytes. */
export function sendBinary(reply: FastifyReply, content: BinaryContent): Buffer {
  void reply.header('content-type', content.contentType);
  if (content.disposition !== null) void reply.header('content-disposition', content.disposition);
  return content.body;
}
