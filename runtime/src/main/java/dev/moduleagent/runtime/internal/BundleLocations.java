package dev.moduleagent.runtime.internal;

import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;

/**
 * Compares bundle locations with folders. Locations are {@code file:} URIs written in more than one way
 * ({@code file:/x} by FileInstall, {@code file:///x} by {@link Path#toUri()}), so they are compared as paths.
 */
public final class BundleLocations {

    private BundleLocations() {
    }

    /**
     * @param location a bundle location
     * @param folder an absolute, normalised folder
     * @return whether the location is a {@code file:} URI of a file inside that folder
     */
    public static boolean isIn(String location, Path folder) {
        try {
            URI uri = URI.create(location);
            return "file".equals(uri.getScheme()) && Path.of(uri).normalize().startsWith(folder);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return false;
        }
    }
}
