"""Words short reviews are written with, per language: evidence for a text too short to detect.

"Good", "Thank u", "Muito bom" are too short for the detectors (:mod:`ingest.language`), yet
every word in them belongs to one language. These lists name the words short feedback is
made of (function words, praise and complaint, thanks, the app and its use) in the languages
customers write in, so :func:`ingest.language.detect_languages` can tell "Good" from an
Arabic-locale phone is English. A word is listed under every language that writes it ("perfect"
is English and Dutch, "excelente" Spanish and Portuguese): a list that misses a shared word
would turn the other language's text into this one. Lower case, accents removed (typed
"otimo" and "ótimo" are one word). Kept in ``ingest`` (which may not import ``analysis``):
``analysis/stopwords.py`` and the sentiment lexicon are for theme names and sentiment, and
hold words of one language under another's list (function words of five languages in one set).
"""

from __future__ import annotations

# Words every language here writes the same way: known in all of them, so they never tell one
# from another ("Top!", "Super app", "ok").
INTERNATIONAL = frozenset(
    """
    ok okay oke okey okey app apps super top cool wow internet wifi online offline email mail
    wikipedia wiki kiwix google android iphone ipad tablet smartphone pdf bug bugs update
    twitter facebook instagram whatsapp youtube web website site zim hd via lol
    """.split()  # noqa: SIM905 (one readable block)
)

REVIEW_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """
        a an the and or but of to in on at for with from by about as is are was were be been us
        call send contact
        it its it's i i'm me my we our you your u ur he she they this that these those there
        not no don't doesn't didn't can't won't isn't cant dont doesnt didnt wont isnt
        do does did have has had can could will would should just so very really too much
        more most all any some also still even only again always never ever now yet here
        what how why when where who which if than then get got use used using need needs
        good great nice awesome amazing excellent perfect best better worst bad poor terrible
        awful horrible useless useful helpful fantastic superb outstanding impressive
        wonderful brilliant beautiful lovely easy easiest fast slow simple fine cute fake
        love loved loves like liked likes hate enjoy thanks thank thx thnx thnxs thanx thnks tnx ty
        please hello hi indispensable
        well done job work works worked working thing stuff time waste uninstalled
        recommend recommended app application program reader download downloaded downloading
        install installed file files content free offline without
        yes yeah yup gud fab keep up dude bro man guys lot lots one two first last new old
        service adore formidable
        """.split()  # noqa: SIM905
    ),
    "nl": frozenset(
        """
        de het een en of maar van te in op aan voor met uit bij naar om over als is zijn was
        waren ben bent heb hebt heeft had kan kun kunt kon wil wilt wordt werd zou
        ik mij me mijn we wij ons onze je jij jou jouw u uw hij zij ze het dit dat die deze
        er hier daar niet geen wel ook nog al weer nu dan toch maar zo heel erg zeer echt
        veel te meer meest alles niets iets wat hoe waarom wanneer waar wie welke
        goed goede prima perfect fijn mooi mooie handig geweldig fantastisch uitstekend
        beste best slecht slechte slechtste traag snel snelle makkelijk simpel leuk leuke
        aanrader bedankt dank dankjewel dankuwel bedankje helaas jammer top toppie
        werkt werken werkte doet gedaan klopt lukt blij tevreden teleurgesteld
        service klantenservice levering bestelling pakket
        ja nee oke graag altijd nooit man bel stuur contact
        """.split()  # noqa: SIM905
    ),
    "de": frozenset(
        """
        der die das den dem des ein eine einen einem einer und oder aber von zu zum zur in im
        an am auf aus bei mit nach für uber über um als ist sind war waren bin bist hat habe
        haben hatte kann konnte wird werden wurde ich mich mir mein meine wir uns unser du dich
        dir dein sie er es ihr nicht kein keine auch noch schon nur sehr so ganz echt wirklich
        viel mehr alles nichts was wie warum wann wo wer
        gut gute guter gutes toll tolle prima perfekt klasse spitze super genial fantastisch
        ausgezeichnet hervorragend schön schon schlecht schlechte langsam schnell einfach
        praktisch nützlich nutzlich danke dankeschön dankeschon bitte leider
        funktioniert funktionieren geht läuft lauft empfehlenswert empfehlen
        ja nein immer nie beste besten best
        service da fast also mal man
        """.split()  # noqa: SIM905
    ),
    "fr": frozenset(
        """
        le la les l un une des du de d au aux et ou mais ne pas plus je j me moi mon ma mes
        tu te ton ta tes il elle on nous vous ils elles ce cet cette ces c ça ca qui que qu
        est sont était etait être etre a ai as avons avez ont avoir fait pour par avec sans
        sur dans en très tres bien tout tous toute toutes trop aussi encore toujours jamais
        bon bonne bons bonnes super génial genial parfait parfaite excellent excellente
        magnifique formidable fantastique incroyable pratique utile indispensable nul nulle
        mauvais mauvaise lent rapide facile merci beaucoup top cool
        marche fonctionne adore aime recommande application appli
        oui non si service simple facile mal hier
        """.split()  # noqa: SIM905
    ),
    "es": frozenset(
        """
        el la los las un una unos unas lo de del al y o pero no ni que en con por para sin
        sobre es son era fue ser estar está esta están estan muy mas más ya también tambien
        todo toda todos todas me te se le les mi mis tu tus su sus yo nos
        bueno buena buenos buenas bien mejor genial excelente perfecto perfecta fantástico
        fantastico increíble increible útil util malo mala mal peor lento rápido rapido
        fácil facil gracias muchas muchos mucho me gusta gustó gusto encanta encantó encanto
        funciona aplicación aplicacion recomiendo espectacular sí si a es tres simple
        """.split()  # noqa: SIM905
    ),
    "pt": frozenset(
        """
        o a os as um uma uns umas de do da dos das ao em no na nos nas e ou mas não nao
        que com por para sem é e são sao foi ser estar está esta muito muita mais já ja
        também tambem tudo eu me meu minha você voce
        bom boa bons boas ótimo otimo ótima otima excelente perfeito perfeita fantástico
        fantastico incrível incrivel útil util ruim péssimo pessimo lento rápido rapido fácil
        facil obrigado obrigada adorei gostei amei ajuda top melhor
        funciona aplicativo recomendo sim genial mal
        """.split()  # noqa: SIM905
    ),
    "it": frozenset(
        """
        il lo la i gli le un uno una di da in con su per tra fra e ed o ma non che chi è e
        sono era molto più piu già gia anche tutto io mi mio mia
        bello bella bellissima bellissimo buono buona ottimo ottima ottime perfetto perfetta
        fantastico fantastica utile utilissima utilissimo consigliata consigliato
        consigliatissima consigliatissimo brutto lento veloce facile grazie funziona
        applicazione app si sì a no prima rapido
        """.split()  # noqa: SIM905
    ),
}
