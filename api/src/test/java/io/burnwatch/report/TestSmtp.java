package io.burnwatch.report;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** GreenMail on loopback, started, with the SMTP account the report tests log in with (reports / s3cret). */
final class TestSmtp {

    private TestSmtp() {
    }

    /** @param protocol {@link ServerSetup#PROTOCOL_SMTP} or {@link ServerSetup#PROTOCOL_SMTPS} */
    static GreenMail start(int port, String protocol) {
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", protocol));
        mail.setUser("burnwatch@example.com", "reports", "s3cret");
        mail.start();
        return mail;
    }
}
