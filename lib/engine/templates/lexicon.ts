/**
 * Field knowledge as data: what kind of value a field holds and the labels printed
 * before it. EN/DE/FR/JA labels are written out below; every other language (all EU
 * official languages, Norwegian, Icelandic, Turkish, Chinese, Korean, Malay/Indonesian)
 * lives in `lexicon/labels.json` and is merged in. The rules extractor looks fields up
 * here by name; a field not listed (a custom FieldSpec) gets labels from its own name
 * and description.
 */
import languageColumns from "./lexicon/columns.json";
import languageLabels from "./lexicon/labels.json";

/** The shape of value a field holds; decides which candidate parser applies. */
export type ValueKind =
  | "money"
  /** a signed money adjustment (cash rounding): its sign marks are part of it ("-0.02", "(0.02)", "0.02-"). */
  | "adjustment"
  | "date"
  | "time"
  | "id"
  | "name"
  | "address"
  | "percent"
  | "phone"
  | "email"
  | "iban"
  | "bic"
  | "regno"
  | "vatid"
  | "last4"
  | "currency"
  | "text";

/** Kinds whose value is an amount of money (a rounding adjustment is one, with its sign). */
export const isMoneyKind = (kind: ValueKind): boolean => kind === "money" || kind === "adjustment";

/** Extraction hints for one field name. */
export interface FieldHint {
  kind: ValueKind;
  /** labels as printed (matched case-, space- and punctuation-insensitively). */
  labels: string[];
  /** where the value sits when it has no label: a party's name or address block. */
  role?: "vendor" | "customer" | "ship_to";
  /** the value identifies itself (an e-mail, an IBAN): take the first one on the page when no label is printed. */
  fallback?: boolean;
  /** kind to look for when unlabelled, when narrower than `kind` (an EU VAT id for a tax id). */
  fallbackKind?: ValueKind;
  /** an unlabelled value counts only with one of these words printed on its line or the two lines around it (a BIC beside the bank details). */
  near?: string[];
  /** a free-text value must match this to count (payment terms name a period or a moment, not a sentence of advice). */
  shape?: RegExp;
  /** a labelled value is not this field when one of these words is printed on its line (a bank "Account" beside "Routing" or "IBAN"). */
  notNear?: string[];
  /** closed vocabulary the value is one of (payment methods). */
  values?: string[];
  /** when the field is not printed on its own but exactly one of these is, that one is the value (one tax rate only). */
  parts?: string[];
}

const TAX_LABELS = [
  "Tax",
  "BTW",
  "Steuerbetrag",
  "USt.-Betrag",
  "Umsatzsteuerbetrag",
  "Summe USt",
  "Summe MwSt",
  "Montant de la TVA",
  "Total GST",
  "Total Tax",
  "GST Amount",
  "Sales Tax",
  "VAT",
  "GST",
  "HST",
  "PST",
  "QST",
  "GST/HST",
  "Tax Amount",
  "MwSt",
  "MwSt.",
  "USt",
  "Umsatzsteuer",
  "Mehrwertsteuer",
  "zzgl. MwSt",
  "zzgl. USt",
  "TVA",
  "Montant TVA",
  "Total TVA",
  "消費税",
  "消費税額",
  "内消費税",
  "外税",
  "内税",
  "税額",
  "消費税等",
];

// Words of a bank-details line: an "Account" or "No" printed beside them belongs to the bank account.
const BANK_WORDS = ["Routing", "IBAN", "BIC", "SWIFT", "Sort Code", "Sort", "BSB", "ABA", "Bank", "Banque", "Transit", "Bankleitzahl", "BLZ", "Kontonummer"];

/** Built-in field hints keyed by field name (the dataset truth names). */
export const fieldHints: Record<string, FieldHint> = {
  vendor: {
    kind: "name",
    labels: ["Vendor", "Seller", "Supplier", "From", "Verkäufer", "Rechnungssteller", "Rechnungsersteller", "Fournisseur", "Vendeur", "Émetteur"],
    role: "vendor",
  },
  vendor_address: { kind: "address", labels: ["Vendor address", "Adresse"], role: "vendor" },
  vendor_phone: {
    kind: "phone",
    fallback: true,
    labels: ["Phone", "Tel", "Tel.", "Telephone", "Telefon", "Téléphone", "Tél", "Tél.", "TEL", "電話", "電話番号", "Ph", "Fon"],
  },
  vendor_email: { kind: "email", fallback: true, labels: ["Email", "E-mail", "E-Mail", "Mail", "Courriel"] },
  vendor_tax_id: {
    kind: "id",
    labels: [
      "USt-IdNr",
      "USt-IdNr.",
      "USt-ID",
      "Ust-Id-Nr",
      "VAT No",
      "VAT Number",
      "VAT Reg No",
      "VAT Reg. No",
      "VAT ID",
      "Tax ID",
      "EIN",
      "GST/HST No",
      "GST No",
      "HST No",
      "BN",
      "Business Number",
      "ABN",
      "N° TVA",
      "N° TVA intracom.",
      "N° TVA intracommunautaire",
      "TVA intracommunautaire",
      "Numéro de TVA",
      "N° TVA intra",
      "CBE",
      "TIN",
    ],
    fallback: true,
    fallbackKind: "vatid",
  },
  vendor_siret: { kind: "id", labels: ["SIRET", "N° SIRET", "SIREN", "RCS"] },
  registration_number: {
    kind: "regno",
    fallback: true,
    labels: ["登録番号", "適格請求書発行事業者登録番号", "インボイス登録番号", "Registration No", "Reg No", "T番号"],
  },
  customer: {
    kind: "name",
    labels: [
      "Bill To",
      "Billed To",
      "Invoice To",
      "Sold To",
      "Customer",
      "Client",
      "Kunde",
      "Rechnungsempfänger",
      "Empfänger",
      "Käufer",
      "Käufer/Leistungsempfänger",
      "Leistungsempfänger",
      "Buyer",
      "Acheteur",
      "An",
      "Prepared for",
      "Prepared For",
      "Attention",
      "Facturé à",
      "Destinataire",
      "Adressé à",
      "お客様",
      "宛先",
    ],
    role: "customer",
  },
  customer_address: { kind: "address", labels: ["Bill To", "Billed To", "Invoice To", "Sold To", "Customer address", "Client", "Facturé à"], role: "customer" },
  ship_to_address: {
    kind: "address",
    labels: ["Ship To", "Deliver To", "Delivery address", "Lieferadresse", "Lieferanschrift", "Livré à", "Adresse de livraison", "納品先", "届け先"],
    role: "ship_to",
  },
  customer_contact: { kind: "text", labels: ["Attn", "Attention", "z. Hd.", "À l'attention de", "担当"] },
  customer_number: {
    kind: "id",
    labels: [
      "Customer ID",
      "Customer No",
      "Customer Number",
      "Account No",
      "Account Number",
      "Account",
      "Kundennummer",
      "Kunden-Nr",
      "Kunden-№",
      "Kd.-Nr",
      "N° client",
      "Code client",
      "Réf. client",
      "顧客番号",
      "お客様番号",
      "得意先コード",
    ],
    notNear: BANK_WORDS,
  },
  invoice_number: {
    kind: "id",
    labels: [
      "Invoice No",
      "Invoice Number",
      "Invoice #",
      "Invoice",
      "Inv No",
      "Inv #",
      "Rechnungsnummer",
      "Rechnungs-Nr",
      "Rechnung Nr",
      "Rechnung",
      "Handelsrechnung",
      "Teilrechnung",
      "Schlussrechnung",
      "Rechnungskorrektur",
      "Gutschrift",
      "Credit Note",
      "Avoir",
      "Factuurnummer",
      "Factuur nr",
      "Re-Nr",
      "N° de facture",
      "Facture N°",
      "Numéro de facture",
      "Facture n°",
      "Facture",
      "請求書番号",
      "請求番号",
      "請求No",
      "請求書No",
      "伝票番号",
      "N°",
      "No",
      "No.",
      "Invoice No.",
      "Rechnungs-№",
      "Rechnungs-No",
      "Rech.-Nr",
    ],
  },
  delivery_no: {
    kind: "id",
    labels: ["納品書番号", "伝票番号", "納品番号", "納品No", "Delivery Note No", "Delivery No", "Lieferschein-Nr", "Lieferscheinnummer", "Bon de livraison N°"],
  },
  receipt_no: {
    kind: "id",
    labels: [
      "Receipt No",
      "Receipt #",
      "Receipt",
      "Trans",
      "Transaction",
      "Trans #",
      "Txn",
      "Bon",
      "Beleg-Nr",
      "Ticket",
      "レシート番号",
      "レシートNo",
      "伝票番号",
      "取引番号",
      "No",
      "No.",
    ],
  },
  order_number: {
    kind: "id",
    labels: [
      "PO",
      "PO #",
      "PO No",
      "PO Number",
      "P.O.",
      "Purchase Order",
      "Order No",
      "Order Number",
      "Order #",
      "Order ID",
      "Your Order",
      "Auftrags-Nr",
      "Auftragsnummer",
      "Bestellnummer",
      "Bestell-Nr",
      "Bestellung",
      "Bestellnr",
      "Bestellreferenz",
      "Order Reference",
      "Purchase Order Reference",
      "Buyer Reference",
      "Référence commande",
      "Commande n°",
      "Ihre Bestellung",
      "N° de commande",
      "Commande",
      "Bon de commande",
      "Réf. commande",
      "注文番号",
      "発注番号",
      "ご注文番号",
      "Reference",
      "Your Reference",
      "Your Ref",
      "Customer Reference",
      "Ihr Zeichen",
      "Ihre Referenz",
      "Votre référence",
      "Réf. commande",
    ],
  },
  issue_date: {
    kind: "date",
    labels: [
      "Invoice Date",
      "Issue Date",
      "Date of Issue",
      "Issued",
      "Date",
      "Dated",
      "Rechnungsdatum",
      "Datum",
      "Belegdatum",
      "Date de facture",
      "Date de facturation",
      "Date d'émission",
      "Émise le",
      "Émis le",
      "Établie le",
      "Fait le",
      "発行日",
      "請求日",
      "日付",
      "作成日",
      "発行年月日",
      "Factuurdatum",
      "Datum factuur",
    ],
    fallback: true,
  },
  due_date: {
    kind: "date",
    labels: [
      "Due Date",
      "Payment Due",
      "Due",
      "Pay By",
      "Fällig am",
      "Fälligkeitsdatum",
      "Fälligkeit",
      "Zahlungsziel bis",
      "Date of payment",
      "Zahlbar bis",
      "fällig",
      "bis zum",
      "Échéance",
      "Date d'échéance",
      "À payer avant le",
      "À régler avant le",
      "Payable avant le",
      "Date limite de paiement",
      "Payable le",
      "お支払期限",
      "支払期限",
      "お振込期限",
      "振込期限",
      "支払期日",
      "お支払期日",
      "お振込期日",
      "振込期日",
      "お支払い期限",
    ],
  },
  service_date: {
    kind: "date",
    labels: ["Leistungsdatum", "Liefer-/Leistungsdatum", "Lieferdatum", "Service Date", "Date of Service", "Date de prestation", "Date de livraison"],
  },
  delivery_date: { kind: "date", labels: ["納品日", "納入日", "お届け日", "出荷日", "Delivery Date", "Lieferdatum", "Date de livraison"] },
  transaction_time: { kind: "time", fallback: true, labels: ["Time", "Zeit", "Heure", "時刻"] },
  payment_terms: {
    kind: "text",
    shape: /^(?=.{2,60}$).*(\d|receipt|réception|immediate|sofort|comptant|upon|prepaid|advance|vorkasse|à vue|\bnet\b|netto|cash|\bcod\b|即|払)/iu,
    labels: [
      "Payment Terms",
      "Terms",
      "Zahlungsbedingungen",
      "Zahlungsziel",
      "Conditions de paiement",
      "Conditions de règlement",
      "Règlement",
      "Paiement",
      "支払条件",
    ],
  },
  currency: { kind: "currency", labels: ["Currency", "Währung", "Devise", "通貨"] },
  subtotal: {
    kind: "money",
    labels: [
      "Subtotal",
      "Sub Total",
      "Sub-total",
      "Net Amount",
      "Rechnungssumme ohne USt",
      "Rechnungssumme Netto",
      "Summe netto (excl. USt.)",
      "Summe ohne USt",
      "Gesamtbetrag ohne USt",
      "Gesamtsumme netto",
      "Summe Netto",
      "Montant total HT",
      "Total hors taxes",
      "Total Sales (Excluding GST)",
      "Total Excluding GST",
      "Total Excl. GST",
      "Total Excl of GST",
      "Total Exclusive of GST",
      "Total Sales Excl",
      "Warenwert netto",
      "Warenwert",
      "Nettosumme",
      "Summe Positionen",
      "Net Total",
      "Total excl. VAT",
      "Total excl. tax",
      "Total before tax",
      "Zwischensumme",
      "Nettobetrag",
      "Netto",
      "Summe netto",
      "Gesamt netto",
      "Total HT",
      "Montant HT",
      "Sous-total",
      "Subtotaal",
      "Totaal excl. BTW",
      "Exclusief BTW",
      "Excl. BTW",
      "Excluding VAT",
      "Excl. VAT",
      "Total excluding VAT",
      "Total excluding tax",
      "Amount excl. VAT",
      "Nettowert",
      "小計",
      "税抜合計",
      "税抜金額",
    ],
  },
  tax: { kind: "money", labels: TAX_LABELS, parts: ["tax_10", "tax_8"] },
  tax_rate: { kind: "percent", labels: [...TAX_LABELS, "Tax Rate", "VAT Rate", "HST Rate", "GST Rate", "Steuersatz", "Taux", "Taux TVA", "税率"] },
  tax_10: { kind: "money", labels: ["消費税(10%)", "消費税10%", "10%消費税", "10%対象消費税", "外税10%", "内税10%", "(10%)", "10%税額", "消費税 10%"] },
  tax_8: {
    kind: "money",
    labels: ["消費税(8%軽減)", "消費税(8%)", "消費税8%", "8%消費税", "外税8%", "内税8%", "(8%軽減)", "8%税額", "軽減税率8%", "消費税 8%"],
  },
  taxable_10: { kind: "money", labels: ["10%対象", "10%対象計", "10%対象額"] },
  taxable_8: { kind: "money", labels: ["8%対象", "8%対象計", "8%対象額", "8%(軽減)対象"] },
  total: {
    kind: "money",
    labels: [
      "Total",
      "Grand Total",
      "Total Due",
      "Total Sales (Inclusive of GST)",
      "Total Inclusive of GST",
      "Total Incl. GST",
      "Total Incl of GST",
      "Total Amt Rounded",
      "Rounded Total",
      "Total Rounded",
      "Nett Total",
      "Net Total",
      "Total Payable",
      "Amount Payable",
      "Amount Due",
      "Balance Due",
      "Total Amount",
      "Invoice Total",
      "Total (incl. tax)",
      "Total incl. VAT",
      "Total to pay",
      "Gesamtbetrag",
      "Gesamtsumme",
      "Rechnungsbetrag",
      "Endbetrag",
      "Summe",
      "Gesamt",
      "Bruttobetrag",
      "Total brutto",
      "Summe brutto",
      "Bruttosumme",
      "Gesamt brutto",
      "Rechnungssumme Brutto",
      "Rechnungssumme",
      "Rechnungsbetrag brutto",
      "Zu zahlen",
      "Total TTC",
      "Montant TTC",
      "Net à payer",
      "Totaal",
      "Totaal incl. BTW",
      "Te betalen",
      "Montant total",
      "Total à payer",
      "合計",
      "合計金額",
      "ご請求金額",
      "御請求金額",
      "請求金額",
      "総合計",
      "お買上計",
      "税込合計",
      "TOTAL",
    ],
  },
  amount_paid: { kind: "money", labels: ["Amount Paid", "Paid", "Card", "Visa", "Mastercard", "Amex", "Bezahlt", "Payé", "お支払", "クレジット"] },
  payment_method: {
    kind: "text",
    labels: ["Payment Method", "Paid by", "Payment", "Zahlungsart", "Mode de paiement", "支払方法"],
    values: [
      "VISA DEBIT",
      "VISA",
      "MASTERCARD",
      "MASTER",
      "AMEX",
      "AMERICAN EXPRESS",
      "DISCOVER",
      "DEBIT",
      "CREDIT CARD",
      "CASH",
      "EC-Karte",
      "Girocard",
      "Bar",
      "Espèces",
      "CB",
      "Carte bancaire",
      "クレジット VISA",
      "クレジット",
      "お預り",
      "お預かり",
      "現金",
      "電子マネー",
      "QR決済",
    ],
  },
  cash_tendered: {
    kind: "money",
    labels: ["Cash", "Tendered", "Cash Tendered", "Cash Received", "Paid Amount", "Payment", "Bar", "Gegeben", "Espèces", "お預り", "お預かり", "預り金"],
  },
  change: { kind: "money", labels: ["Change", "Change Due", "Rückgeld", "Wechselgeld", "Rendu", "Monnaie", "お釣り", "おつり", "釣銭"] },
  card_last4: { kind: "last4", fallback: true, labels: ["Card", "Card No", "Visa", "Mastercard", "Amex", "Karte", "Carte", "カード"] },
  iban: { kind: "iban", fallback: true, labels: ["IBAN"] },
  bic: {
    kind: "bic",
    fallback: true,
    labels: ["BIC", "SWIFT", "BIC/SWIFT", "SWIFT/BIC"],
    near: ["IBAN", "BIC", "SWIFT", "Bank", "Banque", "Bankverbindung", "Kontoinhaber", "Konto", "RIB"],
  },
  // The till's cash rounding (subtotal + tax + rounding = total where coins below 5 cents are gone: MY, CH, the Nordics, NL…).
  rounding: {
    kind: "adjustment",
    labels: [
      "Rounding",
      "Rounding Adj",
      "Rounding Adjustment",
      "Rounding Adjustments",
      "Round Adj",
      "Round Amt",
      "Round Off",
      "Cash Rounding",
      "Rundung",
      "Rundungsdifferenz",
      "Arrondi",
      "端数調整",
    ],
  },
  // Not in any template: their labels only keep "Total Qty" … away from the money fields.
  item_count: {
    kind: "text",
    labels: ["Total Qty", "Total Quantity", "Total Items", "Total Item", "No. of Items", "Items", "Item Count", "Qty Total", "点数"],
  },
  bank_account: { kind: "text", labels: ["振込先", "お振込先", "口座", "Bank Account", "Account No"] },
};

/** Table column hints: child field name → header labels. */
export const columnHints: Record<
  string,
  {
    kind: "text" | "money" | "quantity" | "unit" | "code" | "percent";
    labels: string[];
    /** looked for only when the template's table asks for this column (it would take a header another template reads otherwise). */
    onlyWhenAsked?: boolean;
  }
> = {
  description: {
    kind: "text",
    labels: [
      "Description",
      "Item",
      "Items",
      "Item Description",
      "Item Name",
      "Product Description",
      "Service Description",
      "Description of Goods",
      "Description of Services",
      "Goods",
      "Services",
      "Article Description",
      "Artikelbezeichnung",
      "Produkt",
      "Beschreibung der Leistung",
      "Intitulé",
      "Produit",
      "Prestation",
      "Product",
      "Service",
      "Details",
      "Particulars",
      "Bezeichnung",
      "Beschreibung",
      "Artikel",
      "Leistung",
      "Désignation",
      "Description",
      "Libellé",
      "Article",
      "品名",
      "品目",
      "商品名",
      "内容",
      "摘要",
      "品名・仕様",
      "品名・規格",
      "品名/規格",
      "品名・型番",
    ],
  },
  quantity: {
    kind: "quantity",
    labels: [
      "Qty",
      "Qty.",
      "Quantity",
      "QTY",
      "Hours",
      "Hrs",
      "Units",
      "No. of Units",
      "Pcs",
      "Stück",
      "Std.",
      "Nombre",
      "Qte.",
      "Menge",
      "Anz",
      "Anzahl",
      "Qté",
      "Quantité",
      "Qte",
      "数量",
      "数",
    ],
  },
  unit: { kind: "unit", labels: ["Unit", "UoM", "Einheit", "Einh.", "ME", "Unité", "単位"] },
  unit_price: {
    kind: "money",
    labels: [
      "Unit Price",
      "Price",
      "Rate",
      "Rate/Hr",
      "Hourly Rate",
      "Price per Unit",
      "Unit Rate",
      "Unit Amount",
      "Net Price",
      "Preis/Einheit",
      "Einzelpreis netto",
      "Prix",
      "Tarif",
      "Prix HT",
      "Each",
      "Unit Cost",
      "Einzelpreis",
      "Preis",
      "E-Preis",
      "Stückpreis",
      "PU HT",
      "Prix unitaire",
      "Prix unitaire HT",
      "Prix unit.",
      "Prix unit. HT",
      "P.U.",
      "P.U. HT",
      "P.U.",
      "PU",
      "単価",
    ],
  },
  amount: {
    kind: "money",
    labels: [
      "Amount",
      "Total",
      "Line Total",
      "Total Price",
      "Net Amount",
      "Ext. Amount",
      "Amount (excl. VAT)",
      "Total (excl. tax)",
      "Gesamtbetrag",
      "Nettobetrag",
      "Prix total",
      "Total ligne",
      "Montant total",
      "Ext. Price",
      "Ext Price",
      "Extended Price",
      "Extension",
      "Line Amount",
      "Gesamtpreis",
      "G-Preis",
      "Gesamt-Preis",
      "Betrag",
      "Gesamt",
      "Summe",
      "Montant HT",
      "Montant",
      "Total HT",
      "金額",
      "小計",
    ],
  },
  item_code: {
    kind: "code",
    labels: [
      "Item Code",
      "Item",
      "Item No",
      "Item #",
      "Code",
      "SKU",
      "Item #",
      "Part No",
      "Art.-Nr",
      "Art.-№",
      "Artikelnr",
      "Artikel-Nr",
      "Réf",
      "Référence",
      "Réf.",
      "品番",
      "商品コード",
      "型番",
    ],
  },
  tax_rate: { kind: "percent", labels: ["TVA", "MwSt", "Tax", "VAT", "USt", "税率"] },
  position: { kind: "code", labels: ["Pos", "Pos.", "#", "No", "No.", "Nr", "N°"] },
  remarks: { kind: "text", labels: ["備考", "Remarks", "Notes", "Bemerkung"] },
  // Delivery notes: ordered vs delivered quantity (read only when a template asks for them).
  quantity_ordered: {
    kind: "quantity",
    onlyWhenAsked: true,
    labels: [
      "Ordered",
      "Qty Ordered",
      "Ordered Qty",
      "Order Qty",
      "Qty Ord",
      "Bestellt",
      "Bestellmenge",
      "Menge bestellt",
      "Commandé",
      "Qté commandée",
      "Quantité commandée",
      "注文数",
      "受注数",
      "発注数",
    ],
  },
  quantity_delivered: {
    kind: "quantity",
    onlyWhenAsked: true,
    labels: [
      "Delivered",
      "Qty Delivered",
      "Delivered Qty",
      "Shipped",
      "Qty Shipped",
      "Geliefert",
      "Liefermenge",
      "Menge geliefert",
      "Livré",
      "Qté livrée",
      "Quantité livrée",
      "納品数",
      "出荷数",
      "納入数",
    ],
  },
};

// Latin letters an OCR model without the language's glyphs reads as their base letter.
const LATIN_FOLD: Record<string, string> = { ł: "l", Ł: "L", ø: "o", Ø: "O", đ: "d", Đ: "D", ð: "d", Ð: "D", ı: "i" };

/** The label as an OCR model without its diacritics reads it ("Kopā" → "Kopa"); only Latin letters fold (kana keep their marks). */
export function foldDiacritics(label: string): string {
  return label
    .normalize("NFD")
    .replace(/([A-Za-z])[\u0300-\u036f]+/g, "$1")
    .replace(/[łŁøØđĐðÐı]/g, (c) => LATIN_FOLD[c] ?? c)
    .normalize("NFC");
}

/** Languages whose labels come from lexicon/labels.json (ISO 639-1). */
export const lexiconLanguages: string[] = Object.keys(languageLabels).filter((k) => !k.startsWith("_"));

// Merge the per-language labels, each with its folded form, into the field hints.
for (const lang of lexiconLanguages) {
  const byField = (languageLabels as unknown as Record<string, Record<string, string[]>>)[lang] ?? {};
  for (const [field, labels] of Object.entries(byField)) {
    const hint = fieldHints[field];
    if (!hint) throw new Error(`lexicon/labels.json: ${lang}.${field} is not a known field`);
    hint.labels = [...new Set([...hint.labels, ...labels, ...labels.map(foldDiacritics)])];
  }
}
for (const hint of Object.values(fieldHints)) hint.labels = [...new Set([...hint.labels, ...hint.labels.map(foldDiacritics)])];

/** Languages whose line-item column headers come from lexicon/columns.json (ISO 639-1). */
export const columnLanguages: string[] = Object.keys(languageColumns).filter((k) => !k.startsWith("_"));

// Merge the per-language column headers, each with its folded form, into the column hints.
for (const lang of columnLanguages) {
  const byColumn = (languageColumns as unknown as Record<string, Record<string, string[]>>)[lang] ?? {};
  for (const [column, labels] of Object.entries(byColumn)) {
    const hint = columnHints[column];
    if (!hint) throw new Error(`lexicon/columns.json: ${lang}.${column} is not a known column`);
    hint.labels = [...new Set([...hint.labels, ...labels, ...labels.map(foldDiacritics)])];
  }
}
