package dev.moduleagent.localhub.internal.amqp;

import org.apache.qpid.proton.amqp.Symbol;

/** The AMQP error conditions the hub closes connections and links with (the SDK maps each to an exception type). */
final class AmqpErrors {

    static final Symbol UNAUTHORIZED = Symbol.valueOf("amqp:unauthorized-access");
    static final Symbol NOT_FOUND = Symbol.valueOf("amqp:not-found");
    static final Symbol NOT_ALLOWED = Symbol.valueOf("amqp:not-allowed");
    static final Symbol DECODE_ERROR = Symbol.valueOf("amqp:decode-error");
    static final Symbol RESOURCE_LIMIT = Symbol.valueOf("amqp:resource-limit-exceeded");
    static final Symbol MESSAGE_SIZE = Symbol.valueOf("amqp:link:message-size-exceeded");
    static final Symbol CONNECTION_FORCED = Symbol.valueOf("amqp:connection:forced");
    static final Symbol INTERNAL = Symbol.valueOf("amqp:internal-error");

    private AmqpErrors() {
    }
}
