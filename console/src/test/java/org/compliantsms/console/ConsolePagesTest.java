package org.compliantsms.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.compliantsms.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The pages that need no service: sign-in, the session cookie, who sees which page, errors next to the field. */
@QuarkusTest
class ConsolePagesTest {
    private static final String COOKIE = "console-session";

    @Test
    void withoutASessionEveryPageLeadsToSignIn() {
        for (String page : new String[] { "/", "/campaigns", "/campaigns/new", "/compliance/lookup" }) {
            given().redirects().follow(false).get(page).then().statusCode(303)
                    .header("Location", containsString("/sign-in"));
        }
        given().get("/sign-in").then().statusCode(200)
                .body(allOf(containsString("<label for=\"token\">Bearer token</label>"),
                        containsString("Dev sign-in")));
    }

    @Test
    void aPastedTokenIsKeptInAnHttpOnlyStrictCookie() {
        String token = TestTokens.token("campaign-sender", "acme-promo");
        Response answer = given().redirects().follow(false).formParam("token", "Bearer " + token).post("/sign-in");
        answer.then().statusCode(303);
        String cookie = answer.getHeader("Set-Cookie");
        assertTrue(cookie.startsWith(COOKIE + "=" + token), cookie);
        String attributes = cookie.toLowerCase();
        assertTrue(attributes.contains("httponly"), cookie);
        assertTrue(attributes.contains("samesite=strict"), cookie);
        assertTrue(attributes.contains("secure"), cookie);
        given().cookie(COOKIE, token).get("/").then().statusCode(200)
                .body(allOf(containsString("href=\"/campaigns/new\""), not(containsString("/compliance/lookup"))));
    }

    @Test
    void aTokenThePlatformWouldRefuseIsRefusedNextToTheField() {
        for (String token : new String[] { "not-a-token", TestTokens.expired("admin"),
                TestTokens.signedByAnotherKey("admin"), TestTokens.fromIssuer("https://other.invalid", "admin") }) {
            given().formParam("token", token).post("/sign-in").then().statusCode(400)
                    .body(allOf(containsString("id=\"token-error\""), containsString("aria-invalid=\"true\""),
                            containsString("not accepted")))
                    .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        }
    }

    @Test
    void theDevSignInMintsATokenForTheChosenRole() {
        Response answer = given().redirects().follow(false).formParam("role", "compliance-officer")
                .formParam("programs", "").post("/sign-in/dev");
        answer.then().statusCode(303);
        String token = answer.getCookie(COOKIE);
        given().cookie(COOKIE, token).get("/").then().statusCode(200)
                .body(allOf(containsString("dev-compliance-officer"), containsString("/compliance/lookup")));
        given().formParam("role", "root").post("/sign-in/dev").then().statusCode(400)
                .body(containsString("id=\"dev-error\""));
    }

    @Test
    void rolesDecideWhichPagesOpen() {
        String sender = TestTokens.token("campaign-sender", "acme-promo");
        String officer = TestTokens.token("compliance-officer");
        // The positive first: each role opens its own pages.
        given().cookie(COOKIE, sender).get("/campaigns/new").then().statusCode(200)
                .body(containsString("<label for=\"body\">Text</label>"));
        given().cookie(COOKIE, officer).get("/compliance/lookup").then().statusCode(200)
                .body(containsString("<label for=\"number\">Phone number</label>"));
        given().cookie(COOKIE, TestTokens.token("data-protection")).get("/compliance/lookup").then().statusCode(200);
        given().cookie(COOKIE, TestTokens.token("data-protection")).get("/campaigns").then().statusCode(403);
        given().cookie(COOKIE, sender).get("/compliance/lookup").then().statusCode(403)
                .body(containsString("Not allowed"));
        given().cookie(COOKIE, officer).get("/campaigns/new").then().statusCode(403);
        given().cookie(COOKIE, TestTokens.token("auditor")).get("/campaigns/new").then().statusCode(403);
    }

    @Test
    void aBadNumberIsReportedNextToTheField() {
        given().cookie(COOKIE, TestTokens.token("compliance-officer")).queryParam("number", "12ab")
                .get("/compliance/lookup").then().statusCode(400)
                .body(allOf(containsString("id=\"number-error\""), containsString("Not a phone number")));
        given().cookie(COOKIE, TestTokens.token("campaign-sender", "acme-promo")).formParam("program", "acme-promo")
                .formParam("sender", "36180").formParam("body", " \n ")
                .post("/campaigns/new").then().statusCode(400)
                .body(allOf(containsString("id=\"body-error\""), containsString("value=\"36180\"")));
    }

    @Test
    void anExpiredSessionGoesBackToSignInAndClearsTheCookie() {
        Response answer = given().redirects().follow(false).cookie(COOKIE, TestTokens.expired("admin"))
                .get("/campaigns");
        answer.then().statusCode(303).header("Location", containsString("/sign-in"));
        assertTrue(answer.getHeader("Set-Cookie").toLowerCase().contains("max-age=0"), answer.getHeader("Set-Cookie"));
    }
}
