package dev.moduleagent.launcher.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What identifies one version of a bundle jar on disk (size and modification time), so that a jar replaced between
 * two launches is updated in a framework cache that was kept from the earlier one.
 *
 * @param size the file size in bytes
 * @param lastModifiedMillis the file's modification time
 */
public record BundleFingerprint(long size, long lastModifiedMillis) {

    /**
     * @param jar a file
     * @return its fingerprint
     * @throws IOException when the file cannot be read
     */
    public static BundleFingerprint of(Path jar) throws IOException {
        return new BundleFingerprint(Files.size(jar), Files.getLastModifiedTime(jar).toMillis());
    }

    /**
     * @param text the form written by {@link #toString()}
     * @return the fingerprint, or {@code null} when the text is not one
     */
    public static BundleFingerprint parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(":");
        try {
            return parts.length == 2 ? new BundleFingerprint(Long.parseLong(parts[0]), Long.parseLong(parts[1])) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return size + ":" + lastModifiedMillis;
    }
}
