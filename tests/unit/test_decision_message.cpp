#include "styr/decision_message.hpp"

#include "support.hpp"

#include <doctest/doctest.h>

using namespace styr;

TEST_CASE("A decision's message: its title and the trailers of its last paragraph")
{
  const DecisionMessage m = parse_decision_message(
    "Kommunstyrelsen fastställer riktlinjer.\n"
    "\n"
    "Beslut: KS 2026-03-15 § 45\n"
    "Diarienummer: KS 2026/123\n"
    "Fastställer: IS-RL-004, IS-RL-007\n"
    "approves: IS-RL-004\n"
    "Fastställer: IS-RL-009\n");
  CHECK(m.title == "Kommunstyrelsen fastställer riktlinjer.");
  CHECK(m.reference == "KS 2026-03-15 § 45");
  CHECK(m.case_number == "KS 2026/123");
  CHECK(m.ids == std::vector<std::string>{"IS-RL-004", "IS-RL-007", "IS-RL-009"});
  // Approved once, and the tagger told of the slip.
  CHECK(m.problems == std::vector<std::string>{"lists IS-RL-004 more than once"});
}

TEST_CASE("A decision without its Beslut: line still approves, and the message says what is missing")
{
  const DecisionMessage m =
    parse_decision_message("Kommunstyrelsen fastställer riktlinjen.\n\nFastställer: IS-RL-004\n");
  CHECK(m.ids == std::vector<std::string>{"IS-RL-004"});
  REQUIRE(m.problems.size() == 1);
  CHECK(test::contains(m.problems[0], "has no Beslut: line"));
  CHECK(parse_decision_message("Ett vanligt meddelande.\n").problems.empty());  // no decision, no word
}

TEST_CASE("A trailer-like line in the prose approves nothing, and the message says so once")
{
  const DecisionMessage m = parse_decision_message(
    "Kommunstyrelsen fastställer riktlinjen.\n"
    "\n"
    "Fastställer: IS-RL-005 som bordlades.\n"
    "Fastställer: IS-RL-006\n"
    "\n"
    "Beslut: KS 4\n"
    "Fastställer: IS-RL-016\n"
    "\n");
  CHECK(m.ids == std::vector<std::string>{"IS-RL-016"});
  CHECK(m.reference == "KS 4");
  REQUIRE(m.problems.size() == 1);
  CHECK(test::contains(m.problems[0], "\"Fastställer:\""));
}

TEST_CASE("Trailers right under the title count: the message has one paragraph")
{
  const DecisionMessage m = parse_decision_message("Beslut om lösenord\nBeslut: KD 1\nFastställer: IS-RL-002\n");
  CHECK(m.title == "Beslut om lösenord");
  CHECK(m.ids == std::vector<std::string>{"IS-RL-002"});
}

TEST_CASE("The title is never a trailer, and a signature is split off")
{
  const DecisionMessage m = parse_decision_message(
    "Fastställer: IS-RL-001\n\nBeslut: KS 1\nFastställer: IS-RL-002\n-----BEGIN SSH SIGNATURE-----\nabc\n"
    "-----END SSH SIGNATURE-----\n");
  CHECK(m.title == "Fastställer: IS-RL-001");
  CHECK(m.ids == std::vector<std::string>{"IS-RL-002"});
  CHECK(m.signature.starts_with("-----BEGIN SSH SIGNATURE-----"));
}

TEST_CASE("What styr approve composes reads back as it was given")
{
  const std::string text = compose_decision_message("Titel", "KS 2026-03-15 § 45", "KS 2026/1", {"IS-A", "IS-B"});
  const DecisionMessage m = parse_decision_message(text);
  CHECK(m.title == "Titel");
  CHECK(m.reference == "KS 2026-03-15 § 45");
  CHECK(m.case_number == "KS 2026/1");
  CHECK(m.ids == std::vector<std::string>{"IS-A", "IS-B"});
  CHECK(m.problems.empty());
}

TEST_CASE("Beslut and Diarienummer describe a decision wherever they stand")
{
  const DecisionMessage m =
    parse_decision_message("Titel\n\nBeslut: KS 1\nDiarienummer: KS 2026/9\n\nFastställer: IS-RL-001\n");
  CHECK(m.reference == "KS 1");
  CHECK(m.case_number == "KS 2026/9");
  CHECK(m.ids == std::vector<std::string>{"IS-RL-001"});
  CHECK(m.problems.empty());
}

TEST_CASE("A decision's prose is its text: reasons and conditions, without its trailers")
{
  const DecisionMessage m = parse_decision_message(
    "Kommunfullmäktige antar policyn.\n"
    "\n"
    "Policyn gäller från och med dagen efter beslutet.\n"
    "Den ersätter IT-reglerna.\n"
    "\n"
    "\n"
    "Diarienummer: KS 2026/9\n"
    "Beslutet fattades enhälligt.\n"
    "\n"
    "Beslut: KF 2026-04-01 § 27\n"
    "Fastställer: IS-POL-001\n"
    "-----BEGIN SSH SIGNATURE-----\nabc\n-----END SSH SIGNATURE-----\n");
  CHECK(m.text == "Policyn gäller från och med dagen efter beslutet.\nDen ersätter IT-reglerna.\n\n"
                  "Beslutet fattades enhälligt.");
  CHECK(m.case_number == "KS 2026/9");
  // Only a title and trailers: no text. A last paragraph without trailers is text.
  CHECK(parse_decision_message("Titel\n\nBeslut: KS 1\nFastställer: IS-RL-001\n").text.empty());
  CHECK(parse_decision_message("Titel\n\nBara prosa.\n").text == "Bara prosa.");
  CHECK(parse_decision_message("Titel\n").text.empty());
}
