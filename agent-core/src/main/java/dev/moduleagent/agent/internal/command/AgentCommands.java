package dev.moduleagent.agent.internal.command;

import dev.moduleagent.api.CommandHandler;
import dev.moduleagent.api.CommandRequest;
import dev.moduleagent.api.CommandResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The commands of the agent's own component {@code agent}: {@code ping}, {@code getLogs}, {@code restartPlugin} and
 * {@code restart}.
 */
public final class AgentCommands implements CommandHandler {

    /** The component the agent's commands are addressed to. */
    public static final String COMPONENT = "agent";

    private final Path logFile;
    private final FrameworkControl framework;
    private final Clock clock;
    private final String version;

    /**
     * @param logFile the agent's log file, or {@code null} when unknown (then {@code getLogs} answers 404)
     * @param framework restarts plug-ins and the agent
     * @param clock the time source
     * @param version the agent's version, in {@code ping}'s answer
     */
    public AgentCommands(Path logFile, FrameworkControl framework, Clock clock, String version) {
        this.logFile = logFile;
        this.framework = framework;
        this.clock = clock;
        this.version = version;
    }

    @Override
    public Set<String> commands() {
        return Set.of("ping", "getLogs", "restartPlugin", "restart");
    }

    @Override
    public Duration timeout(String command) {
        return "restartPlugin".equals(command) ? Duration.ofSeconds(60) : DEFAULT_TIMEOUT;
    }

    @Override
    public CommandResponse handle(CommandRequest request) throws IOException {
        try {
            return switch (request.command()) {
                case "ping" -> CommandResponse.ok(Map.of("pong", true, "agentVersion", version,
                        "time", clock.instant().toString()));
                case "getLogs" -> logs(request.payload());
                case "restartPlugin" -> CommandResponse.ok(framework.restartPlugin(pluginName(request.payload())));
                case "restart" -> restart();
                default -> CommandResponse.error(404, "no command " + request.command());
            };
        } catch (CommandFailure e) {
            return CommandResponse.error(e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return CommandResponse.error(400, e.getMessage());
        }
    }

    private CommandResponse logs(Object payload) throws IOException, CommandFailure {
        LogQuery query = LogQuery.from(payload, clock.instant());
        if (logFile == null || !Files.isRegularFile(logFile)) {
            throw new CommandFailure(404, "the agent's log file is not known or missing"
                    + (logFile == null ? "" : ": " + logFile));
        }
        LogTail.Result result = LogTail.read(logFile, query);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("file", logFile.getFileName().toString());
        answer.put("matching", result.matchingEntries());
        answer.put("returned", result.lines().size());
        answer.put("truncated", result.truncated());
        if (result.truncated()) {
            answer.put("note", "older matching entries left out: the answer is limited to " + LogTail.MAX_BYTES
                    + " bytes; narrow it with tail, since, level or logger");
        }
        answer.put("lines", result.lines());
        return CommandResponse.ok(answer);
    }

    private CommandResponse restart() {
        try {
            framework.restartAgent();
        } catch (IllegalStateException e) {
            return CommandResponse.error(501, e.getMessage());
        }
        return CommandResponse.ok(Map.of("restarting", true));
    }

    private static String pluginName(Object payload) {
        if (payload instanceof Map<?, ?> map && map.get("plugin") instanceof String name && !name.isBlank()) {
            return name;
        }
        throw new IllegalArgumentException("the payload names the plug-in: {\"plugin\": \"<component or bundle>\"}");
    }
}
