#include "styr/iso27002.hpp"

#include <algorithm>

namespace styr {

namespace {

constexpr Iso27002Theme k_themes[] = {
  {"5", "Organizational controls", "Organisatoriska säkerhetsåtgärder"},
  {"6", "People controls", "Personrelaterade säkerhetsåtgärder"},
  {"7", "Physical controls", "Fysiska säkerhetsåtgärder"},
  {"8", "Technological controls", "Tekniska säkerhetsåtgärder"},
};

constexpr Iso27002Control k_controls[] = {
  {"5.1", "Policies for information security", "Informationssäkerhetspolicyer"},
  {"5.2", "Information security roles and responsibilities", "Roller och ansvar för informationssäkerhet"},
  {"5.3", "Segregation of duties", "Åtskillnad av arbetsuppgifter"},
  {"5.4", "Management responsibilities", "Ledningens ansvar"},
  {"5.5", "Contact with authorities", "Kontakt med myndigheter"},
  {"5.6", "Contact with special interest groups", "Kontakt med intressegrupper"},
  {"5.7", "Threat intelligence", "Hotunderrättelser"},
  {"5.8", "Information security in project management", "Informationssäkerhet i projektledning"},
  {"5.9", "Inventory of information and other associated assets", "Förteckning över information och andra tillgångar"},
  {"5.10", "Acceptable use of information and other associated assets", "Tillåten användning av information och tillgångar"},
  {"5.11", "Return of assets", "Återlämnande av tillgångar"},
  {"5.12", "Classification of information", "Klassning av information"},
  {"5.13", "Labelling of information", "Märkning av information"},
  {"5.14", "Information transfer", "Överföring av information"},
  {"5.15", "Access control", "Åtkomststyrning"},
  {"5.16", "Identity management", "Identitetshantering"},
  {"5.17", "Authentication information", "Autentiseringsinformation"},
  {"5.18", "Access rights", "Åtkomsträttigheter"},
  {"5.19", "Information security in supplier relationships", "Informationssäkerhet i leverantörsrelationer"},
  {"5.20", "Addressing information security within supplier agreements", "Informationssäkerhet i leverantörsavtal"},
  {"5.21", "Managing information security in the ICT supply chain", "Informationssäkerhet i leveranskedjan för IKT"},
  {"5.22", "Monitoring, review and change management of supplier services", "Övervakning, granskning och ändringshantering av leverantörstjänster"},
  {"5.23", "Information security for use of cloud services", "Informationssäkerhet vid användning av molntjänster"},
  {"5.24", "Information security incident management planning and preparation", "Planering och förberedelse för incidenthantering"},
  {"5.25", "Assessment and decision on information security events", "Bedömning av och beslut om informationssäkerhetshändelser"},
  {"5.26", "Response to information security incidents", "Hantering av informationssäkerhetsincidenter"},
  {"5.27", "Learning from information security incidents", "Lärdomar från informationssäkerhetsincidenter"},
  {"5.28", "Collection of evidence", "Insamling av bevis"},
  {"5.29", "Information security during disruption", "Informationssäkerhet under avbrott"},
  {"5.30", "ICT readiness for business continuity", "IKT-beredskap för kontinuitet"},
  {"5.31", "Legal, statutory, regulatory and contractual requirements", "Rättsliga, författningsenliga och avtalsenliga krav"},
  {"5.32", "Intellectual property rights", "Immateriella rättigheter"},
  {"5.33", "Protection of records", "Skydd av verksamhetsdokumentation"},
  {"5.34", "Privacy and protection of PII", "Integritet och skydd av personuppgifter"},
  {"5.35", "Independent review of information security", "Oberoende granskning av informationssäkerhet"},
  {"5.36", "Compliance with policies, rules and standards for information security", "Efterlevnad av policyer, regler och standarder"},
  {"5.37", "Documented operating procedures", "Dokumenterade driftrutiner"},
  {"6.1", "Screening", "Bakgrundskontroll"},
  {"6.2", "Terms and conditions of employment", "Anställningsvillkor"},
  {"6.3", "Information security awareness, education and training", "Medvetenhet, utbildning och övning i informationssäkerhet"},
  {"6.4", "Disciplinary process", "Disciplinär process"},
  {"6.5", "Responsibilities after termination or change of employment", "Ansvar efter avslutad eller ändrad anställning"},
  {"6.6", "Confidentiality or non-disclosure agreements", "Sekretess- och tystnadspliktsavtal"},
  {"6.7", "Remote working", "Distansarbete"},
  {"6.8", "Information security event reporting", "Rapportering av informationssäkerhetshändelser"},
  {"7.1", "Physical security perimeters", "Fysiska säkerhetsperimetrar"},
  {"7.2", "Physical entry", "Fysiskt tillträde"},
  {"7.3", "Securing offices, rooms and facilities", "Skydd av kontor, rum och anläggningar"},
  {"7.4", "Physical security monitoring", "Fysisk säkerhetsövervakning"},
  {"7.5", "Protecting against physical and environmental threats", "Skydd mot fysiska och miljörelaterade hot"},
  {"7.6", "Working in secure areas", "Arbete i säkra områden"},
  {"7.7", "Clear desk and clear screen", "Tom skrivbordsyta och tom skärm"},
  {"7.8", "Equipment siting and protection", "Placering och skydd av utrustning"},
  {"7.9", "Security of assets off-premises", "Säkerhet för tillgångar utanför organisationens lokaler"},
  {"7.10", "Storage media", "Lagringsmedia"},
  {"7.11", "Supporting utilities", "Försörjningsfunktioner"},
  {"7.12", "Cabling security", "Säkerhet för kablage"},
  {"7.13", "Equipment maintenance", "Underhåll av utrustning"},
  {"7.14", "Secure disposal or re-use of equipment", "Säker avveckling eller återanvändning av utrustning"},
  {"8.1", "User endpoint devices", "Användarnas slutpunktsenheter"},
  {"8.2", "Privileged access rights", "Privilegierade åtkomsträttigheter"},
  {"8.3", "Information access restriction", "Begränsning av åtkomst till information"},
  {"8.4", "Access to source code", "Åtkomst till källkod"},
  {"8.5", "Secure authentication", "Säker autentisering"},
  {"8.6", "Capacity management", "Kapacitetshantering"},
  {"8.7", "Protection against malware", "Skydd mot skadlig kod"},
  {"8.8", "Management of technical vulnerabilities", "Hantering av tekniska sårbarheter"},
  {"8.9", "Configuration management", "Konfigurationshantering"},
  {"8.10", "Information deletion", "Radering av information"},
  {"8.11", "Data masking", "Maskering av data"},
  {"8.12", "Data leakage prevention", "Förhindrande av dataläckage"},
  {"8.13", "Information backup", "Säkerhetskopiering av information"},
  {"8.14", "Redundancy of information processing facilities", "Redundans i informationsbehandlingsresurser"},
  {"8.15", "Logging", "Loggning"},
  {"8.16", "Monitoring activities", "Övervakning"},
  {"8.17", "Clock synchronization", "Klocksynkronisering"},
  {"8.18", "Use of privileged utility programs", "Användning av privilegierade hjälpprogram"},
  {"8.19", "Installation of software on operational systems", "Installation av programvara i driftsystem"},
  {"8.20", "Networks security", "Nätverkssäkerhet"},
  {"8.21", "Security of network services", "Säkerhet i nätverkstjänster"},
  {"8.22", "Segregation of networks", "Segmentering av nätverk"},
  {"8.23", "Web filtering", "Webbfiltrering"},
  {"8.24", "Use of cryptography", "Användning av kryptografi"},
  {"8.25", "Secure development life cycle", "Säker utvecklingslivscykel"},
  {"8.26", "Application security requirements", "Säkerhetskrav på applikationer"},
  {"8.27", "Secure system architecture and engineering principles", "Principer för säker systemarkitektur"},
  {"8.28", "Secure coding", "Säker kodning"},
  {"8.29", "Security testing in development and acceptance", "Säkerhetstestning vid utveckling och godkännande"},
  {"8.30", "Outsourced development", "Utkontrakterad utveckling"},
  {"8.31", "Separation of development, test and production environments", "Åtskillnad av utvecklings-, test- och produktionsmiljöer"},
  {"8.32", "Change management", "Ändringshantering"},
  {"8.33", "Test information", "Testinformation"},
  {"8.34", "Protection of information systems during audit testing", "Skydd av informationssystem vid revisionstester"},
};

static_assert(std::size(k_controls) == 93, "ISO/IEC 27002:2022 has 93 controls");

}  // namespace

std::span<const Iso27002Theme> iso27002_themes()
{
  return k_themes;
}

std::span<const Iso27002Control> iso27002_controls()
{
  return k_controls;
}

const Iso27002Control* find_iso27002_control(std::string_view id)
{
  const auto* it = std::find_if(std::begin(k_controls), std::end(k_controls),
                                [&](const Iso27002Control& c) { return c.id == id; });
  return it != std::end(k_controls) ? it : nullptr;
}

}  // namespace styr
