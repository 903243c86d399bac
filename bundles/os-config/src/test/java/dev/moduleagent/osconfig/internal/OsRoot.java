package dev.moduleagent.osconfig.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A miniature OS root in a temporary folder: a few zone files and an existing timesyncd.conf. */
final class OsRoot {

    static final String TIMESYNCD = """
            #  This file is part of systemd.
            [Time]
            #NTP=
            FallbackNTP=time.example.org
            RootDistanceMaxSec=5
            """;

    private OsRoot() {
    }

    static Path create(Path root) throws IOException {
        for (String zone : new String[] {"Europe/Berlin", "UTC", "America/New_York"}) {
            Path file = root.resolve("usr/share/zoneinfo").resolve(zone);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "TZif2 " + zone);
        }
        Path conf = root.resolve("etc/systemd/timesyncd.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, TIMESYNCD, StandardCharsets.UTF_8);
        Files.writeString(root.resolve("etc/hostname"), "factory-name\n");
        return root;
    }

    static String read(Path root, String relative) throws IOException {
        return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
    }
}
