package dev.moduleagent.localhub.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.json.BoundedJson;
import dev.moduleagent.localhub.internal.json.JsonRejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** JSON for the CLI: arguments given inline or as {@code @file}, output pretty-printed. */
final class Json {

    private static final int MAX_ARGUMENT_BYTES = 256 * 1024;

    private Json() {
    }

    static String pretty(JsonElement json) {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(json);
    }

    static JsonElement argument(CommandLine command, String option, String text) throws IOException {
        String json = text;
        if (text.startsWith("@")) {
            Path file = Path.of(text.substring(1));
            if (Files.size(file) > MAX_ARGUMENT_BYTES) {
                throw new ParameterException(command, option + " file " + file + " is larger than " + MAX_ARGUMENT_BYTES + " bytes");
            }
            json = Files.readString(file);
        }
        try {
            return BoundedJson.parse(json);
        } catch (JsonRejection e) {
            throw new ParameterException(command, option + " is not JSON: " + e.getMessage());
        }
    }

    static JsonObject objectArgument(CommandLine command, String option, String text) throws IOException {
        JsonElement json = argument(command, option, text);
        if (!json.isJsonObject()) {
            throw new ParameterException(command, option + " must be a JSON object");
        }
        return json.getAsJsonObject();
    }
}
