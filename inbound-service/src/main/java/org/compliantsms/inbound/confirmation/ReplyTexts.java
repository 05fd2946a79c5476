package org.compliantsms.inbound.confirmation;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.ConsentAction;

/**
 * The platform's replies to keywords, in the keyword's language (English when unknown): the opt-out confirmation
 * (no marketing content), the resubscription confirmation, and the HELP answer (brand, frequency, "message and
 * data rates may apply", how to stop, support contact: what CTIA's handbook asks of a HELP reply). A program's
 * configuration replaces any of them per language ({@link RepliesConfig}).
 */
@ApplicationScoped
public class ReplyTexts {
    /** Placeholders in HELP texts, filled from the program's configuration. */
    static final String BRAND = "{brand}";
    static final String CONTACT = "{contact}";

    private record Texts(String optOut, String optOutAll, String optIn, String help) {
    }

    private static final Map<String, Texts> DEFAULTS = Map.ofEntries(
            Map.entry("en", new Texts("You are unsubscribed and will receive no more messages. Reply START to resubscribe.",
                    "You are unsubscribed from all our messages and will receive no more.",
                    "You are subscribed again. Reply STOP to unsubscribe.",
                    "{brand}: recurring messages. Msg & data rates may apply. Reply STOP to unsubscribe. Help: {contact}")),
            Map.entry("fr", new Texts("Vous êtes désinscrit et ne recevrez plus de messages. Répondez START pour vous réinscrire.",
                    "Vous êtes désinscrit de tous nos messages et n'en recevrez plus.",
                    "Vous êtes de nouveau inscrit. Répondez STOP pour vous désinscrire.",
                    "{brand} : messages récurrents. Coût d'un SMS selon votre opérateur. Répondez STOP pour vous désinscrire. Aide : {contact}")),
            Map.entry("es", new Texts("Se ha dado de baja y no recibirá más mensajes. Responda START para volver a suscribirse.",
                    "Se ha dado de baja de todos nuestros mensajes y no recibirá más.",
                    "Se ha suscrito de nuevo. Responda BAJA para darse de baja.",
                    "{brand}: mensajes periódicos. Pueden aplicarse tarifas de mensajes y datos. Responda BAJA para darse de baja. Ayuda: {contact}")),
            Map.entry("pt", new Texts("Você cancelou a inscrição e não receberá mais mensagens. Responda START para voltar.",
                    "Você cancelou todas as nossas mensagens e não receberá mais.",
                    "Sua inscrição foi reativada. Responda PARAR para cancelar.",
                    "{brand}: mensagens recorrentes. Podem ser cobradas tarifas de mensagens e dados. Responda PARAR para cancelar. Ajuda: {contact}")),
            Map.entry("de", new Texts("Sie sind abgemeldet und erhalten keine Nachrichten mehr. Antworten Sie START zum Anmelden.",
                    "Sie sind von allen Nachrichten abgemeldet und erhalten keine mehr.",
                    "Sie sind wieder angemeldet. Antworten Sie STOPP zum Abmelden.",
                    "{brand}: regelmäßige Nachrichten. Es können SMS- und Datengebühren anfallen. Antworten Sie STOPP zum Abmelden. Hilfe: {contact}")),
            Map.entry("it", new Texts("Sei stato cancellato e non riceverai più messaggi. Rispondi START per iscriverti di nuovo.",
                    "Sei stato cancellato da tutti i nostri messaggi e non ne riceverai più.",
                    "Sei di nuovo iscritto. Rispondi STOP per cancellarti.",
                    "{brand}: messaggi ricorrenti. Possono essere applicati costi per SMS e dati. Rispondi STOP per cancellarti. Aiuto: {contact}")),
            Map.entry("nl", new Texts("U bent afgemeld en ontvangt geen berichten meer. Antwoord START om u weer aan te melden.",
                    "U bent afgemeld voor al onze berichten en ontvangt er geen meer.",
                    "U bent weer aangemeld. Antwoord STOP om u af te melden.",
                    "{brand}: terugkerende berichten. Er kunnen sms- en datakosten gelden. Antwoord STOP om u af te melden. Hulp: {contact}")),
            Map.entry("sv", new Texts("Du är avregistrerad och får inga fler meddelanden. Svara START för att registrera dig igen.",
                    "Du är avregistrerad från alla våra meddelanden och får inga fler.",
                    "Du är registrerad igen. Svara STOPP för att avregistrera dig.",
                    "{brand}: återkommande meddelanden. Avgifter för sms och data kan tillkomma. Svara STOPP för att avregistrera dig. Hjälp: {contact}")),
            Map.entry("no", new Texts("Du er avmeldt og får ingen flere meldinger. Svar START for å melde deg på igjen.",
                    "Du er avmeldt fra alle våre meldinger og får ingen flere.",
                    "Du er påmeldt igjen. Svar STOPP for å melde deg av.",
                    "{brand}: gjentakende meldinger. Det kan påløpe kostnader for SMS og data. Svar STOPP for å melde deg av. Hjelp: {contact}")),
            Map.entry("da", new Texts("Du er afmeldt og modtager ikke flere beskeder. Svar START for at tilmelde dig igen.",
                    "Du er afmeldt alle vores beskeder og modtager ikke flere.",
                    "Du er tilmeldt igen. Svar STOP for at afmelde dig.",
                    "{brand}: tilbagevendende beskeder. Der kan forekomme udgifter til sms og data. Svar STOP for at afmelde dig. Hjælp: {contact}")),
            Map.entry("pl", new Texts("Wypisano Cię i nie otrzymasz więcej wiadomości. Odpowiedz START, aby zapisać się ponownie.",
                    "Wypisano Cię ze wszystkich naszych wiadomości; nie otrzymasz ich więcej.",
                    "Zapisano Cię ponownie. Odpowiedz STOP, aby się wypisać.",
                    "{brand}: wiadomości cykliczne. Mogą obowiązywać opłaty za SMS i transmisję danych. Odpowiedz STOP, aby się wypisać. Pomoc: {contact}")),
            Map.entry("zh", new Texts("您已退订，将不再收到消息。回复START重新订阅。", "您已退订我们的所有消息，将不再收到消息。",
                    "您已重新订阅。回复TD退订。", "{brand}：定期消息，可能产生短信和数据费用。回复TD退订。帮助：{contact}")));

    private final RepliesConfig config;

    public ReplyTexts(RepliesConfig config) {
        this.config = config;
    }

    /** The confirmation of this consent change, for the program whose sender received the keyword. */
    public String confirmation(String programId, String language, ConsentAction action) {
        String lang = known(language);
        return switch (action) {
            // CONSENT_REVOKED comes from the consent API, never from a keyword: no confirmation is sent for it.
            case OPT_OUT, CONSENT_REVOKED -> configured(programId, lang, RepliesConfig.Program::optOut)
                    .orElse(DEFAULTS.get(lang).optOut());
            case OPT_OUT_ALL -> configured(programId, lang, RepliesConfig.Program::optOutAll)
                    .orElse(DEFAULTS.get(lang).optOutAll());
            // A consent granted by keyword is a resubscription to the person who sent it.
            case OPT_IN, OPT_IN_ALL, CONSENT_GRANTED -> configured(programId, lang, RepliesConfig.Program::optIn)
                    .orElse(DEFAULTS.get(lang).optIn());
        };
    }

    /** The answer to HELP or INFO. */
    public String help(String programId, String language) {
        String lang = known(language);
        String text = configured(programId, lang, RepliesConfig.Program::help).orElse(DEFAULTS.get(lang).help());
        RepliesConfig.Program program = config.programs().get(programId);
        String brand = program == null ? config.brand() : program.brand().orElse(config.brand());
        String contact = program == null ? config.contact() : program.contact().orElse(config.contact());
        return text.replace(BRAND, brand).replace(CONTACT, contact);
    }

    public static boolean supports(String language) {
        return language != null && DEFAULTS.containsKey(language);
    }

    private static String known(String language) {
        return supports(language) ? language : "en";
    }

    private Optional<String> configured(String programId, String language,
            java.util.function.Function<RepliesConfig.Program, Map<String, String>> texts) {
        RepliesConfig.Program program = programId == null ? null : config.programs().get(programId);
        if (program == null) {
            return Optional.empty();
        }
        Map<String, String> byLanguage = texts.apply(program);
        return Optional.ofNullable(byLanguage.get(language)).or(() -> Optional.ofNullable(byLanguage.get("en")));
    }
}
