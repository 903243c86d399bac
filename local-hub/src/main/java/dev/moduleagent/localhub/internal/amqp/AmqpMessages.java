package dev.moduleagent.localhub.internal.amqp;

import java.nio.BufferOverflowException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Section;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.message.Message;

/**
 * Proton messages in and out of links: reading a whole delivery, settling it, encoding and sending, and the parts of a
 * message the SDK uses (a {@code Data} body, application properties, message annotations by symbol).
 */
final class AmqpMessages {

    private static final byte[] EMPTY = new byte[0];
    private static final int FIRST_BUFFER = 1024;

    private AmqpMessages() {
    }

    /** Reads the complete delivery the receiver is at and advances past it. */
    static Message read(Receiver receiver, Delivery delivery) {
        byte[] bytes = new byte[delivery.pending()];
        int read = receiver.recv(bytes, 0, bytes.length);
        receiver.advance();
        Message message = Proton.message();
        message.decode(bytes, 0, Math.max(read, 0));
        return message;
    }

    static void accept(Delivery delivery) {
        delivery.disposition(Accepted.getInstance());
        delivery.settle();
    }

    static void reject(Delivery delivery, Symbol condition, String description) {
        Rejected rejected = new Rejected();
        rejected.setError(new ErrorCondition(condition, description));
        delivery.disposition(rejected);
        delivery.settle();
    }

    /** Sends unsettled; the delivery is settled when the client settles it ({@link AmqpEvents}). */
    static void send(Sender sender, Message message, long tag) {
        byte[] buffer = new byte[FIRST_BUFFER];
        int length;
        while (true) {
            try {
                length = message.encode(buffer, 0, buffer.length);
                break;
            } catch (BufferOverflowException e) {
                buffer = new byte[buffer.length * 2];
            }
        }
        sender.delivery(Long.toString(tag).getBytes(StandardCharsets.US_ASCII));
        sender.send(buffer, 0, length);
        sender.advance();
    }

    /** The {@code Data} body's bytes; empty when the message has none (an {@code AmqpValue} body is not data). */
    static byte[] body(Message message) {
        Section body = message.getBody();
        if (body instanceof Data data && data.getValue() != null) {
            Binary binary = data.getValue();
            byte[] bytes = new byte[binary.getLength()];
            System.arraycopy(binary.getArray(), binary.getArrayOffset(), bytes, 0, bytes.length);
            return bytes;
        }
        return EMPTY;
    }

    static Data data(byte[] bytes) {
        return new Data(new Binary(bytes));
    }

    static Object annotation(Message message, String key) {
        MessageAnnotations annotations = message.getMessageAnnotations();
        if (annotations == null || annotations.getValue() == null) {
            return null;
        }
        return annotations.getValue().get(Symbol.valueOf(key));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> applicationProperties(Message message) {
        ApplicationProperties properties = message.getApplicationProperties();
        return properties == null || properties.getValue() == null ? Map.of() : properties.getValue();
    }

    static Object correlationId(Message message) {
        return message.getProperties() == null ? null : message.getProperties().getCorrelationId();
    }
}
