package dev.mailsift.engine.cli;

import dev.mailsift.engine.EmailVerifier;
import java.io.PrintStream;

/** {@code check INPUT [-o OUTPUT]}: placeholder until intake/results land. */
final class CheckCommand {

    private CheckCommand() {
    }

    static int run(MailSiftCli.Options o, EmailVerifier verifier, PrintStream out, PrintStream err) {
        err.println("error: check is not available yet");
        return 2;
    }
}
