package dev.uvmctl.tracefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock's take-over on a real file system: of the runs that found the same ended run's lock,
 * one takes it, and a lock another run wrote after it was read is never taken or lost.
 */
class DirectoryTracefsWritesTest {
    private static final String LOCK = "/run/uvmctl/trace.lock";
    /** The empty file whose fcntl lock takes turns between runs' take-overs (/run is tmpfs: it goes at the next boot). */
    private static final String GUARD = "trace.lock.claim";
    private static final String ENDED = "owner=4242 1000 record\nsince=2026-12-07T05:00:00Z\n";

    private static Path lock(Path root) {
        return root.resolve("run/uvmctl/trace.lock");
    }

    @Test
    void theLockOfARunThatEndedIsTakenWhileItHoldsWhatWasRead(@TempDir Path root) throws IOException {
        DirectoryTracefsWrites w = new DirectoryTracefsWrites(root, false);
        w.create(LOCK, ENDED);
        w.claim(LOCK, ENDED, "owner=5000 2000 record\n");
        assertThat(Files.readString(lock(root))).isEqualTo("owner=5000 2000 record\n");
        try (var files = Files.list(lock(root).getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(GUARD))).containsExactly("trace.lock");
        }
    }

    /**
     * A take-over that finds the lock changed leaves it in place the whole time: a run that looks
     * for the lock meanwhile (start's or stop's read, a crash of the taker) always finds the live
     * run's lock, never no lock, which would let it create its own and remove the live run's probes.
     */
    @Test
    void aLockThatChangedIsNeverAbsentWhileAnotherRunTriesToTakeIt(@TempDir Path root) throws Exception {
        DirectoryTracefsWrites w = new DirectoryTracefsWrites(root, false);
        String live = "owner=6000 3000 watch\n";
        w.create(LOCK, live);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger absent = new AtomicInteger();
        Thread looker = new Thread(() -> {
            while (!done.get()) {
                if (!Files.exists(lock(root))) {
                    absent.incrementAndGet();
                }
            }
        });
        looker.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (int i = 0; i < 2000 && System.nanoTime() < deadline && absent.get() == 0; i++) {
                assertThatThrownBy(() -> w.claim(LOCK, ENDED, "owner=5000 2000 record\n")).isInstanceOf(FileAlreadyExistsException.class);
            }
        } finally {
            done.set(true);
            looker.join();
        }
        assertThat(absent.get()).as("times the live lock was not there").isZero();
        assertThat(Files.readString(lock(root))).isEqualTo(live);
    }

    /** A lock replaced by something that is no file (a directory) is not taken, and the take-over leaves nothing behind. */
    @Test
    void aTakeOverThatFailsLeavesNoFileBehind(@TempDir Path root) throws IOException {
        DirectoryTracefsWrites w = new DirectoryTracefsWrites(root, false);
        Files.createDirectories(lock(root).resolve("x"));
        assertThatThrownBy(() -> w.claim(LOCK, ENDED, "owner=5000 2000 record\n")).isInstanceOf(IOException.class);
        assertThat(lock(root)).isDirectory();
        try (var files = Files.list(lock(root).getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(GUARD))).containsExactly("trace.lock");
        }
    }

    @Test
    void aLockThatChangedOrWentSinceItWasReadIsNotTaken(@TempDir Path root) throws IOException {
        DirectoryTracefsWrites w = new DirectoryTracefsWrites(root, false);
        w.create(LOCK, "owner=6000 3000 watch\n");
        assertThatThrownBy(() -> w.claim(LOCK, ENDED, "owner=5000 2000 record\n")).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(lock(root))).isEqualTo("owner=6000 3000 watch\n");
        w.delete(LOCK);
        assertThatThrownBy(() -> w.claim(LOCK, ENDED, "owner=5000 2000 record\n")).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(lock(root)).doesNotExist();
    }

    @Test
    void ofRunsThatFoundTheSameEndedLockAtOnceOneTakesIt(@TempDir Path root) throws Exception {
        for (int round = 0; round < 20; round++) {
            Path r = root.resolve("r" + round);
            DirectoryTracefsWrites w = new DirectoryTracefsWrites(r, false);
            w.create(LOCK, ENDED);
            int runs = 4;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(runs);
            List<Future<Boolean>> took = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String mine = "owner=" + (5000 + i) + " 2000 record\n";
                took.add(pool.submit(() -> {
                    go.await();
                    try {
                        w.claim(LOCK, ENDED, mine);
                        return true;
                    } catch (FileAlreadyExistsException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<Boolean> f : took) {
                winners += f.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(winners).as("round " + round).isEqualTo(1);
            assertThat(Files.readString(lock(r))).startsWith("owner=50");
        }
    }
}
