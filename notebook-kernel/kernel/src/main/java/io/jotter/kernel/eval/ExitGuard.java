package io.jotter.kernel.eval;

import java.security.Permission;

/**
 * Keeps {@code System.exit} in a cell from ending the kernel. JShell's local engine runs cells in the
 * kernel's JVM, where an exit would end it silently. On Java 17 a security manager that permits
 * everything else turns the exit into {@link SystemExitException}. Where the JVM no longer allows a
 * security manager, the kernel dies visibly instead: the hook given to {@link #install} tells the client why.
 */
public final class ExitGuard {
    private static volatile boolean kernelExiting;

    private ExitGuard() {
    }

    /**
     * Installs the guard.
     *
     * @param onExit run when the process ends anyway, to tell the client
     * @return whether cells' exits are stopped (false: they end the kernel, visibly)
     */
    @SuppressWarnings("removal")
    public static boolean install(Runnable onExit) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!kernelExiting) {
                onExit.run();
            }
        }, "jotter-exit-notice"));
        try {
            System.setSecurityManager(new Guard());
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /** Ends the kernel process on the kernel's own behalf (shutdown_request). */
    public static void exitKernel(int status) {
        kernelExiting = true;
        System.exit(status);
    }

    @SuppressWarnings("removal")
    private static final class Guard extends SecurityManager {
        @Override
        public void checkPermission(Permission permission) {
            // Everything else is allowed: this guard exists only for checkExit.
        }

        @Override
        public void checkPermission(Permission permission, Object context) {
            // As above.
        }

        @Override
        public void checkExit(int status) {
            if (!kernelExiting) {
                throw new SystemExitException(status);
            }
        }
    }
}
