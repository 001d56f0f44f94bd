"""Validators shared by the admin forms and the importer: currency codes."""

from django.core.exceptions import ValidationError

# ISO 4217 codes in current use (plus a few historical ones that old reports still quote).
ISO_4217_CODES = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
    CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD
    GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT
    LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
    NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD
    SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD
    XCG XDR XOF XPF YER ZAR ZMW ZWG ZWL
    """.split()
)

# Names editors type for a currency that are not its ISO code.
COMMON_MISTAKES = {"RMB": "CNY", "YUAN": "CNY", "US$": "USD", "S$": "SGD", "RM": "MYR", "BAHT": "THB", "RP": "IDR"}


def validate_currency_code(value: str) -> None:
    """Accept a three-letter ISO 4217 code such as USD, CNY or SGD (upper case)."""
    code = (value or "").strip()
    suggestion = COMMON_MISTAKES.get(code.upper())
    if suggestion:
        raise ValidationError(f"“{code}” is not an ISO 4217 code: use {suggestion}.", code="invalid_currency")
    if code.upper() not in ISO_4217_CODES:
        raise ValidationError(f"“{code}” is not an ISO 4217 currency code: use three letters such as USD, CNY or SGD.", code="invalid_currency")
