package dev.moduleagent.firmware.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many bytes may still be written to a folder's file system: a seam, so that a full disk can be tested. */
@FunctionalInterface
public interface SpaceProbe {

    /** The file system's own count. */
    SpaceProbe FILE_STORE = folder -> Files.getFileStore(folder).getUsableSpace();

    /**
     * @param folder an existing folder
     * @return the usable bytes on its file system
     * @throws IOException when the file system cannot be asked
     */
    long usableBytes(Path folder) throws IOException;
}
