package partnerhub.emulator.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Each artifact unzipped once per JVM, as Lambda unpacks a deployment package into {@code /var/task}, and shared
 * by the environments of its functions: like Lambda's, the task root is read-only, so sharing it changes nothing
 * but the seconds an unzip of thousands of classes takes (which is deployment, not a cold start). A rebuilt
 * artifact (another size or time) is unzipped again. Removed when the JVM exits.
 */
public final class TaskRoots {

    private record Build(Path artifact, long size, long modified) {}

    private static final Map<Build, Path> UNZIPPED = new ConcurrentHashMap<>();

    private TaskRoots() {}

    /** The artifact's task root: unzipped on first use, then the same directory for every caller. */
    public static Path of(Path artifact) throws IOException {
        Path absolute = artifact.toAbsolutePath().normalize();
        var build = new Build(absolute, Files.size(absolute), Files.getLastModifiedTime(absolute).toMillis());
        try {
            return UNZIPPED.computeIfAbsent(build, TaskRoots::unzip);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Path unzip(Build build) {
        try {
            Path into = Files.createTempDirectory("lambda-task-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(into)));
            try (var zip = new ZipFile(build.artifact().toFile())) {
                for (var entry : Collections.list(zip.entries())) {
                    Path target = into.resolve(entry.getName()).normalize();
                    if (!target.startsWith(into)) {
                        throw new IOException("an entry outside the task root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, target);
                        }
                    }
                }
            }
            // Read-only, as /var/task is (a process running as root ignores the mode: taskRootChanges() checks).
            try (Stream<Path> files = Files.walk(into)) {
                files.forEach(file -> file.toFile().setWritable(false, false));
            }
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                file.toFile().setWritable(true);
                file.toFile().delete();
            });
        } catch (IOException leftBehind) {
            // A temporary directory: the machine cleans it.
        }
    }
}
