package dev.moduleagent.benchmark.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Many MQTT-over-TLS clients in one process on a two-thread Netty event loop, the same for local-hub and for mosquitto:
 * a connection ramp, then closed-loop operations counted in a window.
 */
final class LoadDriver implements AutoCloseable {

    private static final int MAX_PACKET = 64 * 1024;
    private static final Duration STEP_DEADLINE = Duration.ofSeconds(300);

    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final String host;
    private final int port;
    private final List<LoadClient> clients = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    LoadDriver(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** One client to connect: its MQTT identity and its TLS context (key, certificate, trust). */
    record ClientSpec(String clientId, String userName, SslContext ssl) {
    }

    /** The result of a ramp: how many connected, how many failed, and the rate over the whole ramp. */
    record Ramp(int connected, int failed, double perSecond, String firstError) {
    }

    /**
     * Connects the clients, at most {@code parallel} handshakes at a time, timing first connect → last CONNACK.
     */
    Ramp connect(List<ClientSpec> specs, int parallel) throws InterruptedException {
        Semaphore permits = new Semaphore(parallel);
        List<CompletableFuture<Channel>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (ClientSpec spec : specs) {
            if (!permits.tryAcquire(STEP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                break;
            }
            LoadClient client = new LoadClient(spec.clientId(), spec.userName());
            bootstrap(spec.ssl(), client).connect(host, port).addListener(f -> {
                if (!f.isSuccess()) {
                    client.connected().completeExceptionally(f.cause());
                }
            });
            client.connected().whenComplete((channel, error) -> permits.release());
            clients.add(client);
            results.add(client.connected());
        }
        int connected = 0;
        String firstError = "";
        for (CompletableFuture<Channel> result : results) {
            try {
                channels.add(result.get(STEP_DEADLINE.toSeconds(), TimeUnit.SECONDS));
                connected++;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                firstError = firstError.isEmpty() ? String.valueOf(e.getCause() == null ? e : e.getCause()) : firstError;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Ramp(connected, specs.size() - connected, connected / seconds, firstError);
    }

    /** Subscribes every connected client to the hub's twin responses and waits for the SUBACKs. */
    void subscribeTwinResponses() throws BenchmarkException {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (LoadClient client : clients) {
            if (client.connected().isDone() && !client.connected().isCompletedExceptionally()) {
                acks.add(client.subscribeTwinResponses());
            }
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(STEP_DEADLINE.toSeconds(),
                    TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new BenchmarkException("the load clients' subscriptions were not all acknowledged: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted", e);
        }
    }

    /**
     * Every connected client repeats the operation, one at a time, for warm-up + window; returns the rate in the
     * window.
     */
    LoadMeter measure(LoadOp op, Duration warmUp, Duration window) throws InterruptedException {
        long start = System.nanoTime() + warmUp.toNanos();
        LoadMeter meter = new LoadMeter(start, start + window.toNanos());
        for (LoadClient client : clients) {
            if (client.connected().isDone() && !client.connected().isCompletedExceptionally()) {
                client.drive(op, meter);
            }
        }
        Thread.sleep(warmUp.plus(window).toMillis()); // the measuring window itself, not a synchronisation
        meter.stop();
        return meter;
    }

    /** @return how many clients are connected */
    int connected() {
        return (int) channels.stream().filter(Channel::isActive).count();
    }

    private Bootstrap bootstrap(SslContext ssl, LoadClient client) {
        return new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000).handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(ssl.newHandler(channel.alloc(), host, port),
                                new MqttDecoder(MAX_PACKET), MqttEncoder.INSTANCE, new IdleStateHandler(0,
                                        LoadClient.KEEP_ALIVE_SECONDS / 4, 0, TimeUnit.SECONDS), client);
                    }
                });
    }

    @Override
    public void close() {
        for (Channel channel : channels) {
            channel.close();
        }
        for (Channel channel : channels) {
            channel.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
