package dev.moduleagent.benchmark.internal;

import com.google.gson.JsonObject;
import java.io.IOException;

/** A program measured as one module: the bare SDK baseline (with or without TCP_NODELAY) or the agent. */
public interface ModuleProgram {

    /** @return the name the output uses */
    String name();

    /** @return the program, started */
    Process start() throws IOException;

    /**
     * @param before the twin before the program started
     * @param now the twin now
     * @param desiredVersion the desired version set just before the start
     * @return true once the program has connected, read its twin and reported its start
     */
    boolean ready(JsonObject before, JsonObject now, long desiredVersion);

    /**
     * @param before the twin before the desired patch
     * @param now the twin now
     * @param desiredVersion the desired version of the patch
     * @return true once the program's answer to the patch is stored
     */
    boolean answered(JsonObject before, JsonObject now, long desiredVersion);
}
