package dev.moduleagent.agent.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFileTest {

    @TempDir
    Path dir;

    @Test
    void opensWithTheSmallPageCacheAlsoAfterAReopen() {
        StoreFile file = StoreFile.open(dir.resolve(StoreFile.FILE_NAME));
        try {
            // MVStore's default is 16 MB, sized for databases, not for the agent's file of a few KB
            assertEquals(1, (int) file.run(MVStore::getCacheSize, false));
            file.run(store -> {
                store.closeImmediately();
                return null;
            }, false);
            assertEquals(1, (int) file.run(MVStore::getCacheSize, false), "the reopened store");
            assertEquals(0, file.run(MVStore::getRetentionTime, false));
        } finally {
            file.close();
        }
    }
}
