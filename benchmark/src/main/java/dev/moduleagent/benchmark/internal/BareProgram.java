package dev.moduleagent.benchmark.internal;

import com.google.gson.JsonObject;
import dev.moduleagent.benchmark.baseline.BareModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The bare SDK program ({@link BareModule}) in its own JVM with the JVM's defaults, as a plain program runs. */
public final class BareProgram implements ModuleProgram {

    private static final String LAUNCH = "DateTimeLastAppLaunch";
    private static final String CHANGE = "DateTimeLastDesiredPropertyChangeReceived";

    private final String classPath;
    private final String host;
    private final String deviceId;
    private final String moduleId;
    private final Identities.ModuleFiles files;
    private final boolean noDelay;
    private final Path console;

    /**
     * @param classPath the SDK's jars and the benchmark's classes, nothing else
     * @param noDelay whether the program sets TCP_NODELAY on its socket
     * @param console where its output goes
     */
    public BareProgram(String classPath, String host, String deviceId, String moduleId, Identities.ModuleFiles files,
            boolean noDelay, Path console) {
        this.classPath = classPath;
        this.host = host;
        this.deviceId = deviceId;
        this.moduleId = moduleId;
        this.files = files;
        this.noDelay = noDelay;
        this.console = console;
    }

    @Override
    public String name() {
        return noDelay ? "bare SDK + TCP_NODELAY" : "bare SDK";
    }

    @Override
    public Process start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath, BareModule.class.getName(), host, deviceId, moduleId,
                files.key().toString(), files.chain().toString(), files.trust().toString()));
        if (noDelay) {
            command.add("nodelay");
        }
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile())).start();
    }

    @Override
    public boolean ready(JsonObject before, JsonObject now, long desiredVersion) {
        return !Twins.reportedText(now, LAUNCH).equals(Twins.reportedText(before, LAUNCH));
    }

    @Override
    public boolean answered(JsonObject before, JsonObject now, long desiredVersion) {
        return !Twins.reportedText(now, CHANGE).equals(Twins.reportedText(before, CHANGE));
    }
}
