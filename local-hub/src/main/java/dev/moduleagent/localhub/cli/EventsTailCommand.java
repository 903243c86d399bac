package dev.moduleagent.localhub.cli;

import com.google.gson.JsonObject;
import dev.moduleagent.localhub.ServiceClient;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code local-hub events tail}: the newest telemetry of an identity, optionally following new messages. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print the newest telemetry messages (one JSON line each) of a module or device.")
final class EventsTailCommand extends ServiceCall {

    @Mixin
    private IdentityArguments identity;

    @Option(names = "--max", defaultValue = "20", paramLabel = "N", description = "How many messages (default ${DEFAULT-VALUE}).")
    private int max;

    @Option(names = "--follow", description = "Keep printing new messages until interrupted.")
    private boolean follow;

    @Override
    int run(ServiceClient client, PrintWriter out) throws Exception {
        long after = print(client.events(identity.deviceId, identity.moduleId, max), out, 0);
        while (follow && !Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            after = print(client.events(identity.deviceId, identity.moduleId, max, after), out, after);
        }
        return 0;
    }

    private static long print(List<JsonObject> events, PrintWriter out, long after) {
        long last = after;
        for (JsonObject event : events) {
            out.println(event);
            last = Math.max(last, event.get("sequenceNumber").getAsLong());
        }
        out.flush();
        return last;
    }
}
