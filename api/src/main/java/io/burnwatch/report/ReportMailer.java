package io.burnwatch.report;

import io.micronaut.email.Attachment;
import io.micronaut.email.Email;
import io.micronaut.email.EmailException;
import io.micronaut.email.EmailSender;
import io.micronaut.email.MultipartBody;
import io.micronaut.email.javamail.sender.JavaxEmailComposer;
import io.micronaut.email.javamail.sender.JavaxEmailSender;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** Sends a rendered report through Micronaut Email's JavaMail sender ({@link ReportMail}'s layout and session). */
@Singleton
public final class ReportMailer {

    private final EmailSender<Message, ?> sender;

    public ReportMailer(EmailSender<Message, ?> sender) {
        this.sender = sender;
    }

    /** The same sender outside a Micronaut service (the {@code report --send} command). */
    public static ReportMailer standalone(ReportSettings settings, ExecutorService executor) {
        JavaxEmailSender javax = new JavaxEmailSender(executor, new JavaxEmailComposer(
                () -> ReportMail.SmtpSession.session(settings.smtp()), new ReportMail.Composer()));
        return new ReportMailer(new io.micronaut.email.DefaultEmailSender<>(javax, List.of()));
    }

    /**
     * Sends {@code report} to {@code to}. {@code key} names the report (e.g. {@code shop 2026-W47}): the
     * Message-ID is made from it, so a report sent twice is the same message to the mail system.
     *
     * @throws EmailException when the SMTP server refused it or could not be reached
     */
    public void send(ReportRenderer.Rendered report, String from, List<String> to, String key, String csvName) {
        Email.Builder mail = Email.builder().from(from).subject(report.subject())
                .body(new MultipartBody(report.html(), report.text()));
        to.forEach(mail::to);
        report.images().forEach((id, png) -> mail.attachment(Attachment.builder().id(id).filename(id + ".png")
                .contentType("image/png").content(png).disposition(Part.INLINE).build()));
        mail.attachment(Attachment.builder().filename(csvName).contentType("text/csv; charset=utf-8")
                .content(report.csv().getBytes(StandardCharsets.UTF_8)).disposition(Part.ATTACHMENT).build());
        sender.send(mail, message -> {
            try {
                message.setHeader(ReportMail.REPORT_HEADER, key);
            } catch (MessagingException e) {
                throw new EmailException(e.getMessage());
            }
        });
    }
}
