package dev.moduleagent.localhub.internal.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;

/**
 * What serves the plain HTTP requests of the shared HTTPS port (IoT Hub's REST API). {@link #install} is called once
 * per connection, on its first request, with the HTTP codec already in place.
 */
public interface HttpEndpoint {
    /** Adds the handlers that read {@code HttpRequest}/{@code HttpContent} from the codec at the end of the pipeline. */
    void install(ChannelPipeline pipeline);

    /**
     * Answers with a 408 a request whose line and headers did not arrive within {@code millis} of its first byte, and
     * closes the connection ({@code http} is the context right after the HTTP codec).
     */
    void answerHeaderTimeout(ChannelHandlerContext http, long millis);
}
