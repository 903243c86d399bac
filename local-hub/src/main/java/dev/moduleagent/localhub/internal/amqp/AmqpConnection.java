package dev.moduleagent.localhub.internal.amqp;

import dev.moduleagent.localhub.internal.HubCore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Transport;
import org.apache.qpid.proton.engine.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMQP connection: Proton-J's engine (a server {@link Transport} bound to a {@link Connection}, events through a
 * {@link Collector}) fed with the bytes Netty read after TLS, its output written back to the channel. Every call runs on
 * the channel's hub executor, so the engine, which is not thread-safe, is only ever touched by one thread at a time;
 * other threads hand work over with {@link #execute}.
 */
final class AmqpConnection {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpConnection.class);
    /** Largest frame a client may send (it learns this in the OPEN frame); larger frames close with a framing error. */
    static final int MAX_FRAME_BYTES = 64 * 1024;
    /** Sessions per connection (the SDK opens one CBS session and one per device). */
    static final int MAX_CHANNELS = 16;
    /** The hub closes a connection that sends no frame for this long (the SDK sends empty frames every 115 s). */
    static final int IDLE_TIMEOUT_MILLIS = 240_000;
    private static final long CLOSE_GRACE_MILLIS = 2000;

    private final ChannelHandlerContext ctx;
    private final Transport transport;
    private final Connection connection;
    private final Collector collector;
    private final AmqpEvents events;
    private final AmqpIdentities identities;
    private final AmqpNodes nodes;
    private long nextTag;
    private boolean closing;

    AmqpConnection(ChannelHandlerContext ctx, HubCore core) {
        this.ctx = ctx;
        this.connection = Proton.connection();
        this.collector = Proton.collector();
        this.connection.collect(collector);
        this.transport = Proton.transport();
        transport.setMaxFrameSize(MAX_FRAME_BYTES);
        transport.setChannelMax(MAX_CHANNELS - 1);
        transport.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        Sasl sasl = transport.sasl();
        sasl.server();
        sasl.allowSkip(true); // the SDK skips SASL with X.509, and uses ANONYMOUS before CBS with SAS
        sasl.setMechanisms("ANONYMOUS", "EXTERNAL");
        sasl.setListener(new SaslAcceptor());
        transport.bind(connection);
        this.identities = new AmqpIdentities(this, core);
        AmqpLinks links = new AmqpLinks(this);
        this.nodes = new AmqpNodes(new CbsNode(identities, links), new TwinNode(core.twins(), identities, links),
            new MethodNode(core.methods(), links), new TelemetryNode(core.telemetry()));
        this.events = new AmqpEvents(this, identities, links, nodes);
    }

    TwinNode twin() {
        return nodes.twin();
    }

    MethodNode methods() {
        return nodes.methods();
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    Connection connection() {
        return connection;
    }

    /** Feeds bytes read from the network into the engine and answers. */
    void input(ByteBuf in) {
        while (in.isReadable() && !closing) {
            int capacity = transport.capacity();
            if (capacity <= 0) {
                in.skipBytes(in.readableBytes());
                break;
            }
            ByteBuffer tail = transport.tail();
            int limit = tail.limit();
            tail.limit(tail.position() + Math.min(capacity, in.readableBytes()));
            in.readBytes(tail);
            tail.limit(limit);
            try {
                transport.process();
            } catch (TransportException e) {
                LOG.info("amqp input refused remote={} reason=\"{}\"", ctx.channel().remoteAddress(), e.getMessage());
            }
            pump();
        }
        identities.touch();
    }

    /** Runs work from another thread on this connection's thread, then sends what it produced. */
    void execute(Runnable work) {
        ctx.executor().execute(() -> {
            if (ctx.channel().isActive()) {
                work.run();
                pump();
            }
        });
    }

    /** Handles the engine's events and writes its output; closes the channel once the engine's output has ended. */
    void pump() {
        while (true) {
            Event event;
            while ((event = collector.peek()) != null) {
                events.dispatch(event);
                collector.pop();
            }
            writeOutput();
            if (collector.peek() == null) {
                return;
            }
        }
    }

    private void writeOutput() {
        boolean wrote = false;
        while (true) {
            int pending = transport.pending();
            if (pending < 0) {
                if (!closing) {
                    closing = true;
                    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                }
                return;
            }
            if (pending == 0) {
                break;
            }
            ByteBuffer head = transport.head().duplicate();
            ByteBuf out = ctx.alloc().buffer(pending);
            head.limit(head.position() + pending);
            out.writeBytes(head);
            transport.pop(pending);
            ctx.write(out);
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    /** Periodic work: heartbeats and the idle timeout (Proton's tick), token expiry, the authentication deadline. */
    void tick() {
        if (closing) {
            return;
        }
        transport.tick(System.currentTimeMillis());
        identities.checkDeadlines();
        pump();
    }

    /** Closes the connection with an error condition the SDK maps to an exception, then the channel. */
    void closeWith(Symbol condition, String description) {
        if (connection.getLocalState() == EndpointState.CLOSED) {
            return;
        }
        LOG.info("amqp connection closed remote={} ids={} condition=\"{}\" reason=\"{}\"", ctx.channel().remoteAddress(),
            identities.names(), condition, description);
        connection.setCondition(new ErrorCondition(condition, description));
        connection.close();
        pump();
        ctx.executor().schedule(() -> {
            ctx.close();
        }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The channel closed: the engine stops, the identities leave the session registry. */
    void closed() {
        closing = true;
        transport.close_tail();
        identities.detachAll();
    }

    long nextTag() {
        return nextTag++;
    }

    /** Accepts SASL ANONYMOUS (the SDK's choice before CBS) and EXTERNAL: the credential comes later, by CBS or TLS. */
    private static final class SaslAcceptor implements org.apache.qpid.proton.engine.SaslListener {

        @Override
        public void onSaslInit(Sasl sasl, Transport transport) {
            sasl.done(Sasl.PN_SASL_OK);
        }

        @Override
        public void onSaslResponse(Sasl sasl, Transport transport) {
            sasl.done(Sasl.PN_SASL_OK);
        }

        @Override
        public void onSaslMechanisms(Sasl sasl, Transport transport) {
        }

        @Override
        public void onSaslChallenge(Sasl sasl, Transport transport) {
        }

        @Override
        public void onSaslOutcome(Sasl sasl, Transport transport) {
        }
    }
}
