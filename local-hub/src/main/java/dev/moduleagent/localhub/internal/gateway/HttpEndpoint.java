package dev.moduleagent.localhub.internal.gateway;

import io.netty.channel.ChannelPipeline;

/**
 * What serves the plain HTTP requests of the shared HTTPS port (IoT Hub's REST API). Called once per connection, on
 * its first request, with the HTTP codec already in place.
 */
@FunctionalInterface
public interface HttpEndpoint {
    /** Adds the handlers that read {@code HttpRequest}/{@code HttpContent} from the codec at the end of the pipeline. */
    void install(ChannelPipeline pipeline);
}
