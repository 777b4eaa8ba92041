import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Copies a dependency jar into the image so that its classes can be in the AOT cache. The JVM keeps a class in the
 * cache only when it could link it at training time, and it cannot link a class file older than Java 6 (version 50, no
 * stack maps: it needs the old verifier at run time): such classes are left out and loaded, parsed and verified from
 * the jar by every process. picocli targets Java 5, so every CLI command did that for its classes. The copy of such a
 * jar holds the same code as Java 8 class files with stack maps, made and verified by the JDK's ClassFile API; other
 * jars are copied as they are. Signed jars are never changed.
 */
final class LinkableBytecode {
    private static final int FIRST_WITH_STACK_MAPS = 50;
    private static final int TARGET = 52;

    private LinkableBytecode() {
    }

    /** Copies {@code jar} to {@code to}, with old class files made linkable; returns how many were. */
    static int copy(Path jar, Path to) throws IOException {
        if (!hasOldClasses(jar)) {
            Files.copy(jar, to);
            return 0;
        }
        int changed = 0;
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             JarFile in = new JarFile(jar.toFile(), false); OutputStream file = Files.newOutputStream(to);
             JarOutputStream out = new JarOutputStream(file)) {
            // Stack maps name the common super class of two types: found in the jar, else in the JDK.
            ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                    .orElse(ClassHierarchyResolver.ofResourceParsing(classes))));
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                byte[] bytes;
                try (InputStream s = in.getInputStream(entry)) {
                    bytes = s.readAllBytes();
                }
                if (isClass(entry)) {
                    ClassModel model = cf.parse(bytes);
                    byte[] linkable = model.majorVersion() < FIRST_WITH_STACK_MAPS ? linkable(cf, model) : null;
                    if (linkable != null) {
                        bytes = linkable;
                        changed++;
                    }
                }
                JarEntry copy = new JarEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        return changed;
    }

    /**
     * The class as a Java 8 class file with stack maps, verified; null when that cannot be made (its code names a class
     * neither the jar nor the JDK has, e.g. an optional dependency that is absent): then it stays as it was.
     */
    private static byte[] linkable(ClassFile cf, ClassModel model) {
        try {
            // Every method body passes through a code builder, which writes its stack maps.
            byte[] bytes = cf.transformClass(model, ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                    .andThen(ClassTransform.endHandler(b -> b.withVersion(TARGET, 0))));
            return cf.verify(bytes).isEmpty() ? bytes : null;
        } catch (IllegalArgumentException | IllegalStateException unresolved) {
            return null;
        }
    }

    /** Whether the jar's classes are older than stack maps (a jar is compiled for one target: its first class says). */
    private static boolean hasOldClasses(Path jar) throws IOException {
        try (JarFile in = new JarFile(jar.toFile(), false)) {
            boolean signed = in.stream().anyMatch(e -> e.getName().startsWith("META-INF/") && e.getName().endsWith(".SF"));
            JarEntry first = in.stream().filter(LinkableBytecode::isClass).findFirst().orElse(null);
            if (signed || first == null) {
                return false;
            }
            try (InputStream s = in.getInputStream(first)) {
                byte[] header = s.readNBytes(8);
                return header.length == 8 && ((header[6] & 0xff) << 8 | (header[7] & 0xff)) < FIRST_WITH_STACK_MAPS;
            }
        }
    }

    private static boolean isClass(JarEntry e) {
        return e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")
                && !e.getName().endsWith("module-info.class");
    }
}
