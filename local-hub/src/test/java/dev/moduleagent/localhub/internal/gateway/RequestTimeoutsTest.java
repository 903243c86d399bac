package dev.moduleagent.localhub.internal.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The header and idle clocks of the HTTPS port, driven on an embedded channel with a frozen clock. */
class RequestTimeoutsTest {

    private static final Duration HEADER = Duration.ofSeconds(20);
    private static final Duration IDLE = Duration.ofSeconds(60);

    private final List<String> requests = new ArrayList<>();
    private final List<Long> headerTimeouts = new ArrayList<>();
    private ChannelHandlerContext service;
    private final EmbeddedChannel channel = channel();

    private EmbeddedChannel channel() {
        EmbeddedChannel created = new EmbeddedChannel();
        created.freezeTime();
        RequestTimeouts timeouts = new RequestTimeouts(HEADER, IDLE, new HttpEndpoint() {
            @Override
            public void install(ChannelPipeline pipeline) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void answerHeaderTimeout(ChannelHandlerContext http, long millis) {
                headerTimeouts.add(millis);
                http.channel().close();
            }
        });
        created.pipeline().addLast(timeouts.bytes(), new HttpServerCodec(), timeouts.messages(),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    service = ctx;
                    if (msg instanceof HttpRequest request) {
                        requests.add(request.uri());
                    }
                }
            });
        created.pipeline().fireChannelActive();
        return created;
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aRequestWhoseHeadersWereDecodedIsNeverAnswered408() {
        send("POST /a HTTP/1.1\r\nHost: hub\r\nContent-Length: 0\r\n\r\n");
        // the next request's headers arrive before the answer to /a was written (the client may pipeline, or the
        // write completes after the next read), its body after
        send("POST /b HTTP/1.1\r\nHost: hub\r\nContent-Length: 4\r\n\r\n");
        answer();
        send("abcd");
        assertEquals(List.of("/a", "/b"), requests);

        pass(HEADER.plusSeconds(1));

        assertEquals(List.of(), headerTimeouts, "/b is being answered: no 408");
        assertTrue(channel.isOpen());
        answer();
        pass(IDLE.minusSeconds(1));
        assertTrue(channel.isOpen(), "the idle clock starts with the last answer");
        pass(Duration.ofSeconds(2));
        assertFalse(channel.isOpen(), "idle for 60 s after the last answer");
    }

    @Test
    void headersThatDoNotArriveInTimeGetA408AndTheConnectionCloses() {
        send("GET /twins/d HTTP/1.1\r\nHo");
        pass(HEADER.minusSeconds(1));
        send("st: h");
        assertEquals(List.of(), headerTimeouts, "trickling bytes do not restart the header clock");
        pass(Duration.ofSeconds(2));
        assertEquals(List.of(HEADER.toMillis()), headerTimeouts);
        assertFalse(channel.isOpen());
    }

    @Test
    void keepAliveRequestsEachGetTheirOwnHeaderClock() {
        for (int i = 0; i < 5; i++) {
            send("GET /r" + i + " HTTP/1.1\r\nHost: hub\r\n\r\n");
            answer();
            pass(HEADER.minusSeconds(1));
        }
        send("GET /late HTTP/1.1\r\n");
        pass(HEADER.plusSeconds(1));
        assertEquals(List.of(HEADER.toMillis()), headerTimeouts, "only the request whose headers stalled");
    }

    @Test
    void aStalledBodyIsClosedByTheIdleClockNotAnswered408() {
        send("PUT /twins/d HTTP/1.1\r\nHost: hub\r\nContent-Length: 10\r\n\r\nabc");
        pass(HEADER.plusSeconds(1));
        assertTrue(channel.isOpen());
        assertEquals(List.of(), headerTimeouts);
        pass(IDLE);
        assertFalse(channel.isOpen());
        assertEquals(List.of(), headerTimeouts);
    }

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        channel.runPendingTasks();
    }

    private void answer() {
        service.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT));
        channel.runPendingTasks();
        channel.outboundMessages().clear();
    }

    private void pass(Duration time) {
        channel.advanceTimeBy(time.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }
}
