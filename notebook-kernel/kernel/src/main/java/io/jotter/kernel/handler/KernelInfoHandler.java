package io.jotter.kernel.handler;

import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Header;
import io.jotter.kernel.protocol.Message;
import java.util.List;

/** {@code kernel_info_request}: who this kernel is. Answered at once, even while JShell still starts. */
final class KernelInfoHandler implements RequestHandler<Content.KernelInfoRequest> {
    static final String IMPLEMENTATION = "jotter";

    @Override
    public void handle(Message<Content.KernelInfoRequest> request, Responder out) {
        String javaVersion = Runtime.version().toString();
        String version = KernelInfoHandler.class.getPackage().getImplementationVersion();
        out.reply(new Content.KernelInfoReply("ok", Header.PROTOCOL_VERSION, IMPLEMENTATION,
                version == null ? "dev" : version,
                new Content.LanguageInfo("java", javaVersion, "text/x-java", ".jsh", "java", "text/x-java"),
                "Jotter: Java " + javaVersion + " in JShell, with TensorFlow Java 1.1.0\n"
                        + "display(x), html(..), markdown(..), Plot.line(..) work in every cell; %lsmagic lists the magics.",
                List.of(new Content.HelpLink("Java SE API", "https://docs.oracle.com/en/java/javase/17/docs/api/"),
                        new Content.HelpLink("TensorFlow Java", "https://www.tensorflow.org/jvm")),
                false));
    }
}
