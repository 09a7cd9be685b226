package io.jotter.scheduler.kernelspec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One kernel spec, as read from its {@code kernel.json}.
 *
 * @param name the directory name, lower-cased (Jupyter's kernel names are case-insensitive)
 * @param argv the command line; {@code {connection_file}} and {@code {resource_dir}} are substituted at launch
 * @param displayName what a kernel picker shows
 * @param language the language the kernel runs, for example {@code python} or {@code java}
 * @param interruptMode {@value #SIGNAL} (send SIGINT to the process) or {@value #MESSAGE} (send
 *     {@code interrupt_request} on the control channel); Jupyter's default is {@value #SIGNAL}
 * @param env variables added to the kernel's environment
 * @param resourceDir the directory holding {@code kernel.json} and the kernel's logos
 */
public record KernelSpec(String name, List<String> argv, String displayName, String language, String interruptMode,
                         Map<String, String> env, Path resourceDir) {
    public static final String SIGNAL = "signal";
    public static final String MESSAGE = "message";

    public KernelSpec {
        if (argv == null || argv.isEmpty()) {
            throw new IllegalArgumentException("kernel spec " + name + " has no argv");
        }
        argv = List.copyOf(argv);
        interruptMode = interruptMode == null ? SIGNAL : interruptMode;
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** The command line to launch, with the connection file and resource directory put in. */
    public List<String> commandFor(Path connectionFile) {
        return argv.stream()
                .map(arg -> arg.replace("{connection_file}", connectionFile.toString())
                        .replace("{resource_dir}", resourceDir == null ? "" : resourceDir.toString()))
                .toList();
    }

    /** This spec with another command line, for example to pin the interpreter a test must use. */
    public KernelSpec withArgv(List<String> newArgv) {
        return new KernelSpec(name, newArgv, displayName, language, interruptMode, env, resourceDir);
    }

    /** This spec with more environment variables, later ones winning. */
    public KernelSpec withEnv(Map<String, String> extra) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(extra);
        return new KernelSpec(name, argv, displayName, language, interruptMode, merged, resourceDir);
    }
}
