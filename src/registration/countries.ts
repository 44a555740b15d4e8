import { IsIn } from 'class-validator';

/** ISO 3166-1 alpha-3: what national federations and the seed data use. */
const ISO_ALPHA3 = `AFG ALA ALB DZA ASM AND AGO AIA ATA ATG ARG ARM ABW AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BMU BTN
BOL BES BIH BWA BVT BRA IOT BRN BGR BFA BDI CPV KHM CMR CAN CYM CAF TCD CHL CHN CXR CCK COL COM COG COD COK CRI CIV HRV CUB
CUW CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FLK FRO FJI FIN FRA GUF PYF ATF GAB GMB GEO DEU GHA GIB GRC GRL
GRD GLP GUM GTM GGY GIN GNB GUY HTI HMD VAT HND HKG HUN ISL IND IDN IRN IRQ IRL IMN ISR ITA JAM JPN JEY JOR KAZ KEN KIR PRK
KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MAC MDG MWI MYS MDV MLI MLT MHL MTQ MRT MUS MYT MEX FSM MDA MCO MNG MNE MSR
MAR MOZ MMR NAM NRU NPL NLD NCL NZL NIC NER NGA NIU NFK MKD MNP NOR OMN PAK PLW PSE PAN PNG PRY PER PHL PCN POL PRT PRI QAT
REU ROU RUS RWA BLM SHN KNA LCA MAF SPM VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SXM SVK SVN SLB SOM ZAF SGS SSD ESP LKA SDN
SUR SJM SWE CHE SYR TWN TJK TZA THA TLS TGO TKL TON TTO TUN TUR TKM TCA TUV UGA UKR ARE GBR USA UMI URY UZB VUT VEN VNM VGB
VIR WLF ESH YEM ZMB ZWE`;

/**
 * IOC codes that differ from ISO (GER, NED, SUI...), each with the ISO code of the same country: results
 * lists from athletics often carry these.
 */
const IOC_TO_ISO = `ALG:DZA ANG:AGO ANT:ATG ARU:ABW ASA:ASM BAH:BHS BAN:BGD BAR:BRB BER:BMU BHU:BTN BIZ:BLZ BOT:BWA BRU:BRN BUL:BGR
BUR:BFA CAM:KHM CAY:CYM CGO:COG CHA:TCD CHI:CHL CRC:CRI CRO:HRV DEN:DNK ESA:SLV FIJ:FJI GAM:GMB GBS:GNB GEQ:GNQ
GER:DEU GRE:GRC GRN:GRD GUA:GTM GUI:GIN HAI:HTI HON:HND INA:IDN IRI:IRN ISV:VIR IVB:VGB KSA:SAU KUW:KWT LAT:LVA
LBA:LBY LES:LSO MAD:MDG MAS:MYS MAW:MWI MGL:MNG MON:MCO MRI:MUS MTN:MRT MYA:MMR NCA:NIC NED:NLD NEP:NPL NIG:NER
NGR:NGA OMA:OMN PAR:PRY PHI:PHL PLE:PSE POR:PRT PUR:PRI RSA:ZAF SAM:WSM SEY:SYC SKN:KNA SLO:SVN SOL:SLB SRI:LKA
SUD:SDN SUI:CHE TAN:TZA TGA:TON TOG:TGO TPE:TWN UAE:ARE URU:URY VAN:VUT VIE:VNM VIN:VCT ZAM:ZMB ZIM:ZWE`;

/** Kosovo competes as KOS but has no ISO 3166 code: it stays as sent. */
const IOC_WITHOUT_ISO = ['KOS'];

const ISO_OF_IOC = new Map(IOC_TO_ISO.split(/\s+/).map((pair) => pair.split(':') as [string, string]));

export const COUNTRY_CODES: readonly string[] = [...new Set([...ISO_ALPHA3.split(/\s+/), ...ISO_OF_IOC.keys(), ...IOC_WITHOUT_ISO])];

/** A country as one code whichever was sent, so that GER and DEU count as one country (Germany). */
export const isoCountryOf = (code: string): string => ISO_OF_IOC.get(code) ?? code;

/** A registration's country as its event keeps it: the ISO code, and the IOC code where that was what was sent. */
export const countryAsRegistered = (sent: string): { country: string; countrySent?: string } => {
  const country = isoCountryOf(sent);
  return country === sent ? { country } : { country, countrySent: sent };
};

/** A country as an ISO 3166-1 alpha-3 or IOC code: a typo such as KZK is refused with 400, not stored. */
export const IsCountryCode = () =>
  IsIn(COUNTRY_CODES, { message: '$property must be an ISO 3166-1 alpha-3 or IOC country code, e.g. KAZ' });
