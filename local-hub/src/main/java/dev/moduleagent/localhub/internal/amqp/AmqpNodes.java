package dev.moduleagent.localhub.internal.amqp;

import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.message.Message;

/** The nodes behind a connection's links: CBS, twin, methods and telemetry; a message goes to the node of its link. */
record AmqpNodes(CbsNode cbs, TwinNode twin, MethodNode methods, TelemetryNode telemetry) {

    void handle(LinkAddress address, Message message, Delivery delivery) {
        switch (address.node()) {
            case CBS -> cbs.handle(message, delivery);
            case TWIN -> twin.handle(address.identity(), message, delivery);
            case METHODS -> methods.handleResponse(address.identity(), message, delivery);
            case TELEMETRY -> telemetry.handle(address.identity(), message, delivery);
            default -> AmqpMessages.reject(delivery, AmqpErrors.NOT_ALLOWED, "the hub does not receive on this link");
        }
    }
}
