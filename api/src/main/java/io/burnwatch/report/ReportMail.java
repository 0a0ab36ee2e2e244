package io.burnwatch.report;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.email.Attachment;
import io.micronaut.email.BodyType;
import io.micronaut.email.Contact;
import io.micronaut.email.Email;
import io.micronaut.email.javamail.composer.DefaultMessageComposer;
import io.micronaut.email.javamail.composer.MessageComposer;
import io.micronaut.email.javamail.sender.SessionProvider;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * Micronaut Email's JavaMail sender, with two parts of Burnwatch's own: the SMTP session from
 * {@code burnwatch.reports.smtp.*}, and a composer that lays the report out as mail clients
 * expect it:
 *
 * <pre>
 * multipart/mixed
 * ├── multipart/alternative
 * │   ├── text/plain                 the plain-text report
 * │   └── multipart/related
 * │       ├── text/html              the report, its images as cid:…
 * │       └── image/png (inline) …   the charts, Content-ID &lt;sli-0&gt; …
 * └── text/csv (attachment)          the days
 * </pre>
 */
public final class ReportMail {

    /** The header that names a report; its Message-ID is made from it, the same for every attempt. */
    public static final String REPORT_HEADER = "X-Burnwatch-Report";

    private ReportMail() {
    }

    /** The SMTP session of {@code burnwatch.reports.smtp}. */
    @Singleton
    public static final class SmtpSession implements SessionProvider {

        private final Session session;

        public SmtpSession(io.micronaut.context.env.Environment env) {
            this.session = session(ReportSettings.from(env).smtp());
        }

        @Override
        public Session session() {
            return session;
        }

        static Session session(ReportSettings.Smtp smtp) {
            Properties p = new Properties();
            // "smtp" either way: Transport.send picks the transport by address type (rfc822 → smtp), so SMTPS is
            // smtp with ssl.enable rather than the "smtps" protocol
            String proto = "smtp";
            p.put("mail.transport.protocol", proto);
            p.put("mail.smtp.ssl.enable", Boolean.toString(smtp.ssl()));
            p.put("mail." + proto + ".host", smtp.host().orElse("localhost"));
            p.put("mail." + proto + ".port", Integer.toString(smtp.port()));
            String timeout = Long.toString(smtp.timeout().toMillis());
            p.put("mail." + proto + ".connectiontimeout", timeout);
            p.put("mail." + proto + ".timeout", timeout);
            p.put("mail." + proto + ".writetimeout", timeout);
            if (!smtp.ssl()) {
                p.put("mail.smtp.starttls.enable", Boolean.toString(!smtp.starttls().equals("off")));
                p.put("mail.smtp.starttls.required", Boolean.toString(smtp.starttls().equals("required")));
            }
            p.put("mail." + proto + ".ssl.checkserveridentity", "true");
            if (smtp.trustCa().isPresent()) {
                try { // the relay's CA instead of the JVM's trust store, for SMTPS and STARTTLS alike
                    p.put("mail." + proto + ".ssl.socketFactory", io.burnwatch.jobs.sinks.Tls.fromCaFile(smtp.trustCa().get())
                            .sslContext().getSocketFactory());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("burnwatch.reports.smtp.trust-ca: " + smtp.trustCa().get(), e);
                }
            }
            Authenticator auth = null;
            if (smtp.username().isPresent()) {
                p.put("mail." + proto + ".auth", "true");
                String user = smtp.username().get();
                String password = smtp.password().orElse("");
                auth = new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return new PasswordAuthentication(user, password);
                    }
                };
            }
            return Session.getInstance(p, auth);
        }
    }

    /** The report's MIME layout (see {@link ReportMail}). */
    @Singleton
    @Replaces(DefaultMessageComposer.class)
    public static final class Composer implements MessageComposer {

        @Override
        public Message compose(Email email, Session session) throws MessagingException {
            MimeMessage m = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    String[] report = getHeader(REPORT_HEADER);
                    if (report == null) {
                        super.updateMessageID();
                        return;
                    }
                    String domain = email.getFrom().getEmail().substring(email.getFrom().getEmail().indexOf('@') + 1);
                    setHeader("Message-ID", "<burnwatch." + report[0].replaceAll("[^A-Za-z0-9._-]", "_") + "@" + domain + ">");
                }
            };
            m.setFrom(address(email.getFrom()));
            for (Contact to : email.getTo()) {
                m.addRecipient(Message.RecipientType.TO, address(to));
            }
            if (email.getCc() != null) {
                for (Contact cc : email.getCc()) {
                    m.addRecipient(Message.RecipientType.CC, address(cc));
                }
            }
            m.setSubject(email.getSubject(), StandardCharsets.UTF_8.name());

            MimeMultipart related = new MimeMultipart("related");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.getBody().get(BodyType.HTML).orElse(""), StandardCharsets.UTF_8.name(), "html");
            related.addBodyPart(html);
            MimeMultipart mixed = new MimeMultipart("mixed");
            List<Attachment> attachments = email.getAttachments() == null ? List.of() : email.getAttachments();
            for (Attachment a : attachments) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(a.getContent(),
                        a.getContentType())));
                part.setFileName(a.getFilename());
                if (Part.INLINE.equals(a.getDisposition()) && a.getId() != null) {
                    part.setDisposition(Part.INLINE);
                    part.setContentID("<" + a.getId() + ">");
                    related.addBodyPart(part);
                } else {
                    part.setDisposition(Part.ATTACHMENT);
                    mixed.addBodyPart(part, mixed.getCount());
                }
            }
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.getBody().get(BodyType.TEXT).orElse(""), StandardCharsets.UTF_8.name(), "plain");
            alternative.addBodyPart(text);
            MimeBodyPart relatedPart = new MimeBodyPart();
            relatedPart.setContent(related);
            alternative.addBodyPart(relatedPart);
            MimeBodyPart alternativePart = new MimeBodyPart();
            alternativePart.setContent(alternative);
            mixed.addBodyPart(alternativePart, 0);
            m.setContent(mixed);
            return m;
        }

        private static InternetAddress address(Contact c) throws MessagingException {
            try {
                return c.getName() == null ? new InternetAddress(c.getEmail(), true)
                        : new InternetAddress(c.getEmail(), c.getName(), StandardCharsets.UTF_8.name());
            } catch (java.io.UnsupportedEncodingException e) {
                throw new MessagingException(e.getMessage(), e);
            }
        }
    }
}
