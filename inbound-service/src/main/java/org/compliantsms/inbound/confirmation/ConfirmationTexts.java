package org.compliantsms.inbound.confirmation;

import java.util.Map;

import org.compliantsms.events.ConsentAction;

/** The opt-out confirmation, in the language of the keyword; no marketing content. English when unknown. */
public final class ConfirmationTexts {
    private record Texts(String program, String all) {
    }

    private static final Map<String, Texts> BY_LANGUAGE = Map.of(
            "en", new Texts("You are unsubscribed and will receive no more messages. Reply START to resubscribe.",
                    "You are unsubscribed from all our messages and will receive no more."),
            "fr", new Texts("Vous êtes désinscrit et ne recevrez plus de messages. Répondez START pour vous réinscrire.",
                    "Vous êtes désinscrit de tous nos messages et n'en recevrez plus."),
            "es", new Texts("Se ha dado de baja y no recibirá más mensajes. Responda START para volver a suscribirse.",
                    "Se ha dado de baja de todos nuestros mensajes y no recibirá más."),
            "pt", new Texts("Você cancelou a inscrição e não receberá mais mensagens. Responda START para voltar.",
                    "Você cancelou todas as nossas mensagens e não receberá mais."),
            "de", new Texts("Sie sind abgemeldet und erhalten keine Nachrichten mehr. Antworten Sie START zum Anmelden.",
                    "Sie sind von allen Nachrichten abgemeldet und erhalten keine mehr."),
            "zh", new Texts("您已退订，将不再收到消息。回复START重新订阅。", "您已退订我们的所有消息，将不再收到消息。"));

    private ConfirmationTexts() {
    }

    public static String of(String language, ConsentAction action) {
        Texts texts = BY_LANGUAGE.getOrDefault(language == null ? "en" : language, BY_LANGUAGE.get("en"));
        return action == ConsentAction.OPT_OUT_ALL ? texts.all() : texts.program();
    }
}
